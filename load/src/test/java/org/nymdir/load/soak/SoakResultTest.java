package org.nymdir.load.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.nymdir.sim.SimStats;

/** The accounts: what counts as delivered, stored and lost, and what makes the soak fail. */
class SoakResultTest {
    private static final Soak.Settings SETTINGS = new Soak.Settings(10, 2, Duration.ZERO, Duration.ZERO, 0.001, 1,
            Duration.ofMinutes(1), Duration.ofSeconds(5), Soak.Limits.RAISED, 2);
    private static final SimStats NO_STATS = new SimStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static SoakResult result(Tally tally, MailboxAudit mailbox, long expired) {
        return new SoakResult(SETTINGS, tally, true, 1_000_000_000L, 0, 1, 2_000_000_000L, mailbox, mailbox.rows(),
                expired, NO_STATS, 2);
    }

    private static void accept(Tally t, long seq) {
        t.accepted.add(seq);
        t.op(Tally.Op.SEND).issued.increment();
        t.op(Tally.Op.SEND).ok.increment();
    }

    @Test
    void everyAcceptedSendReceivedOrStoredIsNothingLost() {
        Tally t = new Tally();
        for (long seq = 0; seq < 4; seq++) {
            accept(t, seq);
        }
        t.received("b", "a", Tally.text(0, "a", "b", "x"));
        t.received("b", "a", Tally.text(1, "a", "b", "x"));
        t.received("b", "a", Tally.text(1, "a", "b", "x")); // came again to a new client run
        SoakResult r = result(t, new MailboxAudit(3, 2, 1, 0, 0), 0);
        assertThat(r.accepted()).isEqualTo(4);
        assertThat(r.delivered()).isEqualTo(2);
        assertThat(r.stored()).isEqualTo(2);
        assertThat(r.lost()).isZero();
        assertThat(t.redelivered.sum()).isEqualTo(1);
        assertThat(r.exitCode()).isZero();
        assertThat(r.text()).contains("PASS");
    }

    @Test
    void anAcceptedSendNeitherReceivedNorStoredIsLost() {
        Tally t = new Tally();
        accept(t, 0);
        accept(t, 1);
        t.received("b", "a", Tally.text(0, "a", "b", "x"));
        SoakResult r = result(t, new MailboxAudit(0, 0, 0, 0, 0), 0);
        assertThat(r.lost()).isEqualTo(1);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.verdict()).startsWith("FAIL: 1 accepted messages lost");
    }

    @Test
    void aSendWithoutAnswerThatArrivesIsNotCountedAsAccepted() {
        Tally t = new Tally();
        t.sendsUnanswered.add(5L);
        t.received("b", "a", Tally.text(5, "a", "b", "x"));
        SoakResult r = result(t, new MailboxAudit(0, 0, 0, 0, 0), 0);
        assertThat(r.accepted()).isZero();
        assertThat(r.delivered()).isZero();
        assertThat(r.unansweredButDelivered()).isEqualTo(1);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void misdeliveryRefusedDeliveryAndUnknownTextsFailTheSoak() {
        Tally t = new Tally();
        t.received("c", "a", Tally.text(0, "a", "b", "x")); // b's message at c
        t.received("b", "a", "hello"); // not ours
        t.sendsRefused.add(2L);
        t.received("b", "a", Tally.text(2, "a", "b", "x")); // refused, yet it arrived
        SoakResult r = result(t, new MailboxAudit(0, 0, 0, 0, 0), 0);
        assertThat(t.misdelivered.sum()).isEqualTo(1);
        assertThat(t.foreign.sum()).isEqualTo(1);
        assertThat(r.refusedButDelivered()).isEqualTo(1);
        assertThat(r.integrityFailures()).isEqualTo(3);
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void expiredMessagesAreAccountedNotLost() {
        Tally t = new Tally();
        accept(t, 0);
        assertThat(result(t, new MailboxAudit(0, 0, 0, 0, 0), 1).lost()).isZero();
    }

    @Test
    void parsesOnlyItsOwnTexts() {
        assertThat(Tally.parse(Tally.text(42, "a", "b", "00ff"))).isEqualTo(new Tally.Parsed(42, "a", "b"));
        assertThat(Tally.parse("soak:x:a:b:c")).isNull();
        assertThat(Tally.parse("hello")).isNull();
    }
}
