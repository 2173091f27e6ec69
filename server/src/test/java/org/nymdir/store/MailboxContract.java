package org.nymdir.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nymdir.testing.Race;

/**
 * What every {@link Mailbox} promises, run against each implementation by a subclass that opens a fresh,
 * empty mailbox: the single-threaded behaviour of {@link MailboxBasicsContract}, and here the races. The
 * directory's unit tests rely on the memory mailbox behaving exactly like SQLite's.
 */
public abstract class MailboxContract extends MailboxBasicsContract {

    private static final int THREADS = 16;

    @Test
    void manySendersToOneRecipientNeverExceedTheQuota() throws Exception {
        int quota = 100;
        Map<EnqueueResult, AtomicInteger> results = new ConcurrentHashMap<>();
        Race.run(THREADS, t -> {
            for (int i = 0; i < 25; i++) {
                EnqueueResult r = mailbox.enqueue(message("bob", T0.plusMillis(i)), key(t + "/" + i), quota);
                results.computeIfAbsent(r, x -> new AtomicInteger()).incrementAndGet();
                assertThat(mailbox.count("bob")).isLessThanOrEqualTo(quota);
            }
        });
        assertThat(results.get(EnqueueResult.STORED)).hasValue(quota);
        assertThat(results.get(EnqueueResult.FULL)).hasValue(THREADS * 25 - quota);
        assertThat(mailbox.count("bob")).isEqualTo(quota);
        assertThat(mailbox.pending("bob", Mailbox.MAX_LIMIT)).hasSize(quota);
    }

    @Test
    void oneKeyFromManyThreadsIsStoredExactlyOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            byte[] shared = key("replayed signature " + round);
            Map<EnqueueResult, AtomicInteger> results = new ConcurrentHashMap<>();
            Race.run(THREADS, t -> {
                String recipient = "r" + (t % 3); // the replay may be addressed anywhere
                EnqueueResult r = mailbox.enqueue(message(recipient, T0), shared, QUOTA);
                results.computeIfAbsent(r, x -> new AtomicInteger()).incrementAndGet();
            });
            assertThat(results.get(EnqueueResult.STORED)).as("round %d", round).hasValue(1);
            assertThat(results.get(EnqueueResult.DUPLICATE)).hasValue(THREADS - 1);
        }
        assertThat(mailbox.size()).isEqualTo(20);
    }

    @Test
    void concurrentEnqueuesAcksAndReadsStayConsistent() throws Exception {
        Set<String> stored = ConcurrentHashMap.newKeySet();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Race.run(THREADS, t -> {
            String recipient = "u" + (t % 4);
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                MailboxMessage m = message(recipient, T0.plusMillis(i));
                if (mailbox.enqueue(m, key("s" + m.id()), QUOTA) == EnqueueResult.STORED) {
                    stored.add(m.id());
                    mine.add(m.id());
                }
                if (i % 3 == 2) {
                    // ack what this thread stored, plus ids of another recipient that must not go
                    List<String> ack = new ArrayList<>(mine);
                    mailbox.pending("u" + ((t + 1) % 4), 5).forEach(other -> ack.add(other.id()));
                    assertThat(mailbox.remove(recipient, ack)).isEqualTo(mine.size());
                    acked.addAll(mine);
                    mine.clear();
                }
                List<MailboxMessage> seen = mailbox.pending(recipient, 1000);
                assertThat(seen).allSatisfy(p -> assertThat(p.recipient()).isEqualTo(recipient));
                assertThat(seen).extracting(MailboxMessage::acceptedAt).isSorted();
            }
        });
        Set<String> left = new HashSet<>(stored);
        left.removeAll(acked);
        Set<String> present = new HashSet<>();
        for (String r : mailbox.recipientsWithPending("", 100)) {
            mailbox.pending(r, Mailbox.MAX_LIMIT).forEach(m -> present.add(m.id()));
        }
        assertThat(present).isEqualTo(left);
        assertThat(mailbox.size()).isEqualTo(left.size());
        assertThat(stored).hasSize(THREADS * 30);
    }
}
