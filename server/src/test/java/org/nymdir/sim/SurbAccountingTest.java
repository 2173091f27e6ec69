package org.nymdir.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nymdir.testing.WsPeer.utf8;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.testing.Await;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.WsPeer;

/**
 * SURB accounting over real WebSockets: the reserve of 10, consumption, the top-up round trip, silent drops on
 * an unknown or exhausted tag, the give-up limits, and simple mode. The service port plays the directory.
 */
class SurbAccountingTest {
    /** The give-up sequence in milliseconds instead of minutes. */
    static final SurbTimings FAST = new SurbTimings(Duration.ofMillis(40), Duration.ofMinutes(5), 2,
            Duration.ofMillis(10));

    @RegisterExtension
    final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
    LocalMixnet sim;

    void start(UnaryOperator<SimConfig.Builder> settings) {
        sim = mixnet.start(settings);
    }

    /** alice writes to the directory with {@code surbs} SURBs; returns the tag the directory sees. */
    SenderTag write(WsPeer alice, WsPeer directory, int surbs) {
        alice.send(new ClientRequest.SendAnonymous(sim.serviceAddress(), utf8("hello"), surbs), true);
        return ((ServerResponse.Received) directory.nextResponse()).senderTag();
    }

    @Test
    void aboveTheReserveARepliesGoesStraightOut() {
        sim = mixnet.sim();
        try (WsPeer directory = WsPeer.connect(sim.serviceUrl()); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            SenderTag tag = write(alice, directory, 20);
            directory.send(new ClientRequest.Reply(tag, utf8("welcome")), true);
            assertThat(alice.nextResponse()).isEqualTo(new ServerResponse.Received(utf8("welcome"), null));
            assertThat(sim.surbsAvailable(sim.serviceAddress(), tag)).isEqualTo(19);
            SimStats s = sim.stats();
            assertThat(s.surbsAttached()).isEqualTo(20);
            assertThat(s.surbsConsumed()).isEqualTo(1);
            assertThat(s.surbRequests()).isZero();
        }
    }

    @Test
    void withTenSurbsTheFirstReplyCostsATopUpRoundTrip() {
        start(b -> b.faults(Faults.NONE.withLatency(Duration.ofMillis(150))));
        try (WsPeer directory = WsPeer.connect(sim.serviceUrl()); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            SenderTag tag = write(alice, directory, 10);
            assertThat(sim.surbsAvailable(sim.serviceAddress(), tag)).isEqualTo(10);
            long sent = System.nanoTime();
            directory.send(new ClientRequest.Reply(tag, utf8("welcome"), 5L), false);
            // the reply waits for SURBs on lane 5: one fragment queued
            assertThat(directory.nextResponse()).isEqualTo(new ServerResponse.LaneQueueLength(5, 1));
            assertThat(alice.nextResponse()).isEqualTo(new ServerResponse.Received(utf8("welcome"), null));
            // request out, SURBs back, reply out: three one-way trips of 150 ms
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
            alice.expectNothing(Duration.ofMillis(50)); // the SURB request and top-up are never shown
            // 10 attached, 1 spent on the request, 10 topped up, 1 spent on the reply
            assertThat(sim.surbsAvailable(sim.serviceAddress(), tag)).isEqualTo(18);
            SimStats s = sim.stats();
            assertThat(s.surbRequests()).isEqualTo(1);
            assertThat(s.surbsToppedUp()).isEqualTo(10);
            assertThat(s.surbsConsumed()).isEqualTo(2);
            directory.send(new ClientRequest.GetLaneQueueLength(5), false);
            assertThat(directory.nextResponse()).isEqualTo(new ServerResponse.LaneQueueLength(5, 0));
        }
    }

    @Test
    void aLongReplyNeedsOneSurbPerFragment() {
        sim = mixnet.sim();
        try (WsPeer directory = WsPeer.connect(sim.serviceUrl()); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            SenderTag tag = write(alice, directory, 12);
            byte[] big = new byte[4 * SurbLedger.FRAGMENT_BYTES]; // 4 fragments; 2 above the reserve
            directory.send(new ClientRequest.Reply(tag, big), false);
            assertThat(((ServerResponse.Received) alice.nextResponse()).message()).isEqualTo(big);
            // 12 - 2 sent - 1 request + 10 topped up - 2 sent
            assertThat(sim.surbsAvailable(sim.serviceAddress(), tag)).isEqualTo(17);
            assertThat(sim.stats().surbsConsumed()).isEqualTo(5);
        }
    }

    @Test
    void topUpsAreAnsweredOnlyWhileTheOriginalSendersRunLivesThenTheReplyIsDropped() {
        start(b -> b.surbTimings(FAST));
        try (WsPeer directory = WsPeer.connect(sim.serviceUrl())) {
            SenderTag oldTag;
            try (WsPeer alice = WsPeer.connect(sim.clientUrl("alice"))) {
                oldTag = write(alice, directory, 10);
            }
            try (WsPeer alice = WsPeer.connectWhenFree(sim.clientUrl("alice"), Duration.ofSeconds(5))) {
                Await.until("old run ended", () -> sim.stats().activeConnections() == 2);
                directory.send(new ClientRequest.Reply(oldTag, utf8("too late")), true);
                // the watchdog asks again, more than maxRerequests times, then gives up; nobody is told
                Await.equal("dropped for lack of SURBs", () -> sim.stats().repliesDroppedNoSurbs(), 1L);
                assertThat(sim.stats().surbRequests()).isEqualTo(1 + FAST.maxRerequests() + 1);
                assertThat(sim.stats().surbsToppedUp()).isZero();
                alice.expectNothing(Duration.ofMillis(50));
                directory.expectNothing(Duration.ZERO);
            }
        }
    }

    @Test
    void repliesGiveUpAfterTheDropWaitWithoutSurbs() {
        SurbTimings quickDrop = new SurbTimings(Duration.ofMillis(20), Duration.ofMillis(60), 100,
                Duration.ofMillis(10));
        start(b -> b.surbTimings(quickDrop));
        try (WsPeer directory = WsPeer.connect(sim.serviceUrl())) {
            SenderTag tag;
            try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
                tag = write(alice, directory, 10); // fewer than 10 would ask for more at once, while alice is here
            }
            Await.until("alice's run ended", () -> sim.stats().activeConnections() == 1);
            directory.send(new ClientRequest.Reply(tag, utf8("nobody home")), true);
            Await.equal("dropped for lack of SURBs", () -> sim.stats().repliesDroppedNoSurbs(), 1L);
        }
    }

    @Test
    void fewerThanTenSurbsMakeTheReceiverAskForMoreAtOnce() {
        sim = mixnet.sim();
        try (WsPeer directory = WsPeer.connect(sim.serviceUrl()); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            SenderTag tag = write(alice, directory, 3);
            // should_request_more_surbs: 3 on hand < 0 queued + 10 reserve; one SURB pays for the request
            Await.equal("topped up", () -> sim.surbsAvailable(sim.serviceAddress(), tag), 12L);
            assertThat(sim.stats().surbRequests()).isEqualTo(1);
        }
    }

    @Test
    void aReplyToAnUnknownTagVanishesSilently() {
        sim = mixnet.sim();
        try (WsPeer directory = WsPeer.connect(sim.serviceUrl())) {
            directory.send(new ClientRequest.Reply(SenderTag.of(new byte[16]), utf8("hello?"), 1L), true);
            // not even the lane answer says anything is wrong
            assertThat(directory.nextResponse()).isEqualTo(new ServerResponse.LaneQueueLength(1, 0));
            Await.equal("unknown tag", () -> sim.stats().repliesDroppedUnknownTag(), 1L);
            directory.expectNothing(Duration.ofMillis(50));
        }
    }

    @Test
    void aTagFromAnotherReceiverIsUnknownHere() {
        sim = mixnet.sim();
        try (WsPeer directory = WsPeer.connect(sim.serviceUrl()); WsPeer alice = WsPeer.connect(sim.clientsUrl());
                WsPeer mallory = WsPeer.connect(sim.clientsUrl())) {
            SenderTag tag = write(alice, directory, 20);
            mallory.send(new ClientRequest.Reply(tag, utf8("not mine")), true);
            Await.equal("unknown tag", () -> sim.stats().repliesDroppedUnknownTag(), 1L);
            alice.expectNothing(Duration.ofMillis(50));
        }
    }

    @Test
    void simpleModeHasNoReserveAndNoTopUps() {
        start(b -> b.simpleSurbs(true));
        try (WsPeer directory = WsPeer.connect(sim.serviceUrl()); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            SenderTag tag = write(alice, directory, 2);
            directory.send(new ClientRequest.Reply(tag, utf8("one")), true);
            directory.send(new ClientRequest.Reply(tag, utf8("two")), true);
            directory.send(new ClientRequest.Reply(tag, utf8("three")), true);
            assertThat(alice.nextResponse()).isEqualTo(new ServerResponse.Received(utf8("one"), null));
            assertThat(alice.nextResponse()).isEqualTo(new ServerResponse.Received(utf8("two"), null));
            Await.equal("exhausted", () -> sim.stats().repliesDroppedNoSurbs(), 1L);
            alice.expectNothing(Duration.ofMillis(50));
            assertThat(sim.surbsAvailable(sim.serviceAddress(), tag)).isZero();
            assertThat(sim.stats().surbRequests()).isZero();
        }
    }

    @Test
    void eachMessageAddsToTheStockUnderTheSameTag() {
        sim = mixnet.sim();
        try (WsPeer directory = WsPeer.connect(sim.serviceUrl()); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            SenderTag tag = write(alice, directory, 10);
            assertThat(write(alice, directory, 10)).isEqualTo(tag);
            assertThat(sim.surbsAvailable(sim.serviceAddress(), tag)).isEqualTo(20);
        }
    }
}
