package org.nymdir.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;

/** The ledger's rules on a hand-driven clock, with no network: what nym-client's reply controller does. */
class SurbLedgerTest {
    static final NymAddress RECEIVER = NymAddress.fromBytes(new byte[96]);
    static final NymAddress SENDER = NymAddress.fromBytes(filled(1));
    static final SenderTag TAG = SenderTag.of(new byte[16]);
    static final SurbTimings TIMINGS = new SurbTimings(Duration.ofSeconds(10), Duration.ofMinutes(5), 5,
            Duration.ofSeconds(5));

    long now;
    final Counters counters = new Counters();
    final List<String> delivered = new ArrayList<>();
    final List<Integer> requests = new ArrayList<>();
    final SurbLedger ledger = new SurbLedger(false, TIMINGS, counters, () -> now, new SurbLedger.Network() {
        @Override
        public void deliverReply(SurbStock stock, byte[] message) {
            delivered.add(new String(message));
        }

        @Override
        public void requestSurbs(SurbStock stock, int amount) {
            requests.add(amount);
        }
    });

    static byte[] filled(int v) {
        byte[] b = new byte[96];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    void attach(long n) {
        ledger.received(RECEIVER, TAG, n, SENDER, new ClientRun(SENDER), false);
    }

    void advance(Duration d) {
        now += d.toNanos();
        ledger.inspect();
    }

    @Test
    void keepsTenInReserveAndAsksForMore() {
        attach(10);
        ledger.reply(RECEIVER, TAG, "a".getBytes(), null);
        assertThat(delivered).isEmpty();
        assertThat(requests).containsExactly(10);
        assertThat(ledger.available(RECEIVER, TAG)).isEqualTo(9);
        ledger.received(RECEIVER, TAG, 10, SENDER, null, true);
        assertThat(delivered).containsExactly("a");
        assertThat(ledger.available(RECEIVER, TAG)).isEqualTo(18);
    }

    @Test
    void requestSizeFollowsTheQueueBetweenTenAndFifty() {
        attach(11);
        ledger.reply(RECEIVER, TAG, new byte[SurbLedger.FRAGMENT_BYTES * 80], 4L);
        assertThat(requests).containsExactly(50);
        assertThat(ledger.laneLength(RECEIVER, 4)).isEqualTo(79);
        assertThat(ledger.laneLength(RECEIVER, 5)).isZero();
    }

    @Test
    void givesUpAfterMoreThanMaxRerequests() {
        attach(10);
        ledger.reply(RECEIVER, TAG, "a".getBytes(), null);
        for (int i = 0; i < 6; i++) {
            advance(Duration.ofSeconds(11));
        }
        assertThat(counters.get(Counters.Name.REPLIES_DROPPED_NO_SURBS)).isZero();
        advance(Duration.ofSeconds(11)); // the seventh look: more than 5 re-requests
        assertThat(counters.get(Counters.Name.REPLIES_DROPPED_NO_SURBS)).isEqualTo(1);
        assertThat(requests).hasSize(7);
    }

    @Test
    void givesUpAfterTheDropWait() {
        attach(3);
        ledger.reply(RECEIVER, TAG, "a".getBytes(), null);
        advance(Duration.ofMinutes(6));
        assertThat(counters.get(Counters.Name.REPLIES_DROPPED_NO_SURBS)).isEqualTo(1);
    }

    @Test
    void anExhaustedTagCannotEvenAskForMore() {
        attach(0);
        ledger.reply(RECEIVER, TAG, "a".getBytes(), null);
        assertThat(requests).isEmpty();
        assertThat(ledger.available(RECEIVER, TAG)).isZero();
    }

    @Test
    void abandonedEmptyTagsAreForgotten() {
        attach(0);
        advance(Duration.ofMinutes(6));
        assertThat(ledger.available(RECEIVER, TAG)).isEqualTo(-1);
        ledger.reply(RECEIVER, TAG, "a".getBytes(), null);
        assertThat(counters.get(Counters.Name.REPLIES_DROPPED_UNKNOWN_TAG)).isEqualTo(1);
    }
}
