package org.nymdir.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nymdir.testing.WsPeer.utf8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ErrorKind;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.testing.Await;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.WsPeer;

/**
 * Each fault knob over real WebSockets. Determinism is checked against {@link FaultModel} itself: the same seed
 * and the same message sequence give the same fates, so a test can predict exactly which messages survive and
 * in which order they arrive.
 */
class FaultsTest {
    @RegisterExtension
    final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
    LocalMixnet sim;

    void start(Long seed, Faults faults) {
        sim = mixnet.start(b -> b.seed(seed).faults(faults));
    }

    @Test
    void latencyDelaysEveryMessage() {
        start(null, Faults.NONE.withLatency(Duration.ofMillis(200)));
        try (WsPeer bob = WsPeer.connect(sim.clientUrl("bob")); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            long sent = System.nanoTime();
            alice.send(new ClientRequest.Send(sim.clientAddress("bob"), utf8("slow")), true);
            assertThat(bob.nextResponse()).isEqualTo(new ServerResponse.Received(utf8("slow"), null));
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void jitterReordersExactlyAsTheSeedSays() {
        Faults faults = Faults.NONE.withJitter(Duration.ofMillis(250));
        int n = 5;
        long seed = seedWithWellSeparatedDelays(faults, n);
        List<Integer> predicted = IntStream.range(0, n).boxed().toList();
        FaultModel model = new FaultModel(seed);
        long[] delays = IntStream.range(0, n).mapToLong(i -> model.next(faults).delayNanos()).toArray();
        predicted = predicted.stream().sorted(Comparator.comparingLong(i -> delays[i])).toList();

        start(seed, faults);
        try (WsPeer bob = WsPeer.connect(sim.clientUrl("bob")); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            for (int i = 0; i < n; i++) {
                alice.send(new ClientRequest.Send(sim.clientAddress("bob"), utf8(Integer.toString(i))), false);
            }
            List<Integer> arrived = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                arrived.add(Integer.parseInt(new String(((ServerResponse.Received) bob.nextResponse()).message())));
            }
            assertThat(arrived).isEqualTo(predicted).isNotEqualTo(IntStream.range(0, n).boxed().toList());
        }
    }

    /** A seed whose delays differ by at least 100 ms pairwise and are not in send order, so arrival is unambiguous. */
    static long seedWithWellSeparatedDelays(Faults faults, int n) {
        for (long seed = 1; ; seed++) {
            FaultModel model = new FaultModel(seed);
            long[] d = IntStream.range(0, n).mapToLong(i -> model.next(faults).delayNanos()).toArray();
            long[] sorted = d.clone();
            java.util.Arrays.sort(sorted);
            boolean separated = IntStream.range(1, n).allMatch(i -> sorted[i] - sorted[i - 1] >= 100_000_000L);
            if (separated && !java.util.Arrays.equals(d, sorted) && sorted[n - 1] < 1_500_000_000L) {
                return seed;
            }
        }
    }

    @Test
    void lossDropsExactlyTheMessagesTheSeedSays() {
        Faults faults = Faults.NONE.withLoss(0.5);
        int n = 20;
        FaultModel model = new FaultModel(7);
        Set<String> predicted = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (!model.next(faults).lost()) {
                predicted.add("m" + i);
            }
        }
        assertThat(predicted).hasSizeBetween(1, n - 1);

        start(7L, faults);
        try (WsPeer bob = WsPeer.connect(sim.clientUrl("bob")); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            for (int i = 0; i < n; i++) {
                alice.send(new ClientRequest.Send(sim.clientAddress("bob"), utf8("m" + i)), false);
            }
            Await.until("all routed", () -> sim.stats().delivered() + sim.stats().droppedLoss() == n);
            Set<String> arrived = new HashSet<>();
            for (int i = 0; i < predicted.size(); i++) {
                arrived.add(new String(((ServerResponse.Received) bob.nextResponse()).message()));
            }
            assertThat(arrived).isEqualTo(predicted);
            assertThat(sim.stats().droppedLoss()).isEqualTo(n - predicted.size());
            assertThat(bob.pending()).isZero();
        }
    }

    @Test
    void maxMessageSizeAnswersWithAnErrorAndKeepsTheConnection() {
        start(null, Faults.NONE);
        try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            sim.faults(sim.faults().withMaxMessageBytes(300)); // knobs change at runtime
            String big = "{\"type\":\"send\",\"recipient\":\"" + sim.serviceAddress().text() + "\",\"message\":\""
                    + "x".repeat(200) + "\"}";
            alice.sendText(big);
            assertThat(alice.nextText()).isEqualTo("{\"type\":\"error\",\"message\":\"malformed request:request of "
                    + big.length() + " bytes exceeds the maximum message size of 300 bytes\"}");
            alice.send(new ClientRequest.Send(sim.serviceAddress(), new byte[400]), false);
            ServerResponse.Error error = (ServerResponse.Error) alice.nextResponse();
            assertThat(error.kind()).isEqualTo(ErrorKind.MALFORMED_REQUEST);
            assertThat(sim.stats().messagesRouted()).isZero();
            alice.send(new ClientRequest.Send(sim.serviceAddress(), new byte[10]), false);
            Await.equal("routed", () -> sim.stats().messagesRouted(), 1L);
        }
    }

    @Test
    void theFaultModelRepeatsUnderASeed() {
        Faults faults = new Faults(Duration.ofMillis(5), Duration.ofMillis(50), 0.3, 0);
        FaultModel a = new FaultModel(99);
        FaultModel b = new FaultModel(99);
        for (int i = 0; i < 100; i++) {
            FaultModel.Fate fa = a.next(faults);
            assertThat(b.next(faults)).isEqualTo(fa);
            assertThat(fa.delayNanos()).isBetween(5_000_000L, 5_000_000L + 10 * 50_000_000L);
        }
    }
}
