package org.nymdir.mixnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which frames a confirmation covers, and what goes out again when a connection ends: the durability rule of
 * {@link MixnetLink#replyConfirmed}, without a socket.
 */
class ConfirmationLedgerTest {
    private final ConfirmationLedger ledger = new ConfirmationLedger(3);

    private static OutboundFrame confirm(String text) {
        return new OutboundFrame(text, new CompletableFuture<>(), true);
    }

    private static OutboundFrame plain(String text) {
        return new OutboundFrame(text, new CompletableFuture<>(), false);
    }

    private void write(OutboundFrame f) {
        ledger.writing(f);
        ledger.written(f);
    }

    @Test
    void anAnswerConfirmsOnlyWhatWasWrittenBeforeItsRequest() {
        OutboundFrame a = confirm("a");
        OutboundFrame b = confirm("b");
        OutboundFrame c = confirm("c");
        write(a);
        write(b);
        assertThat(ledger.sinceConfirmation()).isEqualTo(2);
        ledger.asking();
        assertThat(ledger.sinceConfirmation()).isZero();
        write(c);
        assertThat(a.written()).as("written is not confirmed").isNotDone();

        ledger.answered();
        assertThat(a.written()).isCompleted();
        assertThat(b.written()).isCompleted();
        assertThat(c.written()).as("written after the request").isNotDone();
        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.end()).containsExactly(c);
    }

    @Test
    void answersComeInTheOrderOfTheirRequests() {
        OutboundFrame a = confirm("a");
        OutboundFrame b = confirm("b");
        write(a);
        ledger.asking();
        write(b);
        ledger.asking();
        ledger.answered();
        assertThat(a.written()).isCompleted();
        assertThat(b.written()).isNotDone();
        ledger.answered();
        assertThat(b.written()).isCompleted();
        assertThat(ledger.size()).isZero();
        assertThat(ledger.oldestUnansweredNanos()).as("nothing outstanding").isZero();
    }

    @Test
    void aPlainFrameIsDoneOnceWrittenAndCountsForNoConfirmation() {
        OutboundFrame p = plain("p");
        ledger.writing(p);
        assertThat(p.written()).isNotDone();
        assertThat(ledger.size()).as("on the socket, not yet written").isEqualTo(1);
        ledger.written(p);
        assertThat(p.written()).isCompleted();
        assertThat(ledger.size()).isZero();
        assertThat(ledger.sinceConfirmation()).isZero();
    }

    @Test
    void whenTheConnectionEndsEveryFrameNotHandedOverComesBackOldestFirst() {
        OutboundFrame a = confirm("a");
        OutboundFrame b = confirm("b");
        OutboundFrame failed = plain("p"); // its write never returned
        write(a);
        ledger.asking();
        write(b);
        ledger.writing(failed);

        assertThat(ledger.end()).containsExactly(a, b, failed);
        ledger.answered(); // the nym-client's answer came too late: the frames go out again instead
        assertThat(a.written()).isNotDone();
        assertThat(ledger.size()).isZero();
    }

    @Test
    void writingWaitsForRoomUntilAnAnswerMakesSome() throws Exception {
        OutboundFrame a = confirm("a");
        write(a);
        write(confirm("b"));
        write(confirm("c"));
        ledger.asking();
        assertThat(ledger.awaitRoom(Duration.ofMillis(1), () -> false)).as("full, and no answer came").isFalse();
        assertThat(ledger.awaitRoom(Duration.ofMillis(1), () -> true)).as("a closed connection does not wait")
                .isTrue();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> room = pool.submit(() -> ledger.awaitRoom(Duration.ofSeconds(20), () -> false));
            ledger.answered();
            assertThat(room.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(a.written()).isCompleted();
        } finally {
            pool.shutdownNow();
        }
    }
}
