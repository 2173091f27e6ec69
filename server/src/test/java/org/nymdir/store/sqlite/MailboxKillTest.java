package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;
import org.nymdir.testing.ChildJvm;
import org.nymdir.testing.DatabaseFiles;

/**
 * Crash: a child enqueues from 8 threads and acks (removes) every third message it stored, and is SIGKILLed
 * mid-stream. In the reopened, intact file every acknowledged enqueue is still pending unless its removal
 * was at least started; every acknowledged removal is gone; every acknowledged key is still a duplicate;
 * and each thread's messages to a recipient are still in the order it sent them.
 */
class MailboxKillTest {

    private static final int RECIPIENTS = 16;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEnqueueAndRemovalSurvivesSigkill() throws Exception {
        Path file = dir.resolve("nym_server.db");
        List<String> lines = KillHarness.runAndKill(Writer.class, "ok ", 400, file.toString());
        // the child prints names ("t<thread>_<i>"); a message's id and key are derived from its name
        List<String> stored = KillHarness.after(lines, "ok ");
        Set<String> removing = new HashSet<>(KillHarness.after(lines, "rm? ").stream().map(Writer::id).toList());
        Set<String> removed = new HashSet<>(KillHarness.after(lines, "rm ").stream().map(Writer::id).toList());
        assertThat(removed).isNotEmpty();

        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file));
             SqliteMailbox mailbox = new SqliteMailbox(db)) {
            Map<String, Integer> position = new HashMap<>();
            Map<String, List<String>> byRecipient = new HashMap<>();
            for (String r : allRecipients(mailbox)) {
                List<MailboxMessage> pending = mailbox.pending(r, Mailbox.MAX_LIMIT);
                for (int i = 0; i < pending.size(); i++) {
                    position.put(pending.get(i).id(), i);
                }
                byRecipient.put(r, pending.stream().map(MailboxMessage::id).toList());
            }
            for (String name : stored) {
                if (!removing.contains(Writer.id(name))) {
                    assertThat(position).as("acknowledged enqueue %s", name).containsKey(Writer.id(name));
                }
            }
            assertThat(position.keySet()).doesNotContainAnyElementsOf(removed);
            // one thread's sends to one recipient were sequential, so their order must have survived
            Map<String, Integer> lastOfThreadAndRecipient = new HashMap<>();
            for (String name : stored) { // each thread's lines are in its own order
                Integer at = position.get(Writer.id(name));
                if (at != null) {
                    int i = Integer.parseInt(name.substring(name.indexOf('_') + 1));
                    String lane = name.substring(0, name.indexOf('_')) + "->r" + i % RECIPIENTS;
                    Integer before = lastOfThreadAndRecipient.put(lane, at);
                    assertThat(before == null || before < at).as("order in %s", lane).isTrue();
                }
            }
            Instant now = Instant.now();
            for (String name : stored) {
                MailboxMessage replay = new MailboxMessage(Writer.id("replay " + name), "r0", "x", "{}", null, now,
                        now.plusSeconds(60));
                assertThat(mailbox.enqueue(replay, Writer.replayKey(Writer.id(name)), Mailbox.MAX_QUOTA))
                        .as("key of %s", name).isEqualTo(EnqueueResult.DUPLICATE);
            }
            assertThat(byRecipient.keySet()).hasSizeLessThanOrEqualTo(RECIPIENTS);
        }
        DatabaseFiles.assertIntact(file);
    }

    private static List<String> allRecipients(Mailbox mailbox) {
        List<String> all = new ArrayList<>();
        List<String> page = mailbox.recipientsWithPending("", 5);
        while (!page.isEmpty()) {
            all.addAll(page);
            page = mailbox.recipientsWithPending(page.getLast(), 5);
        }
        return all;
    }

    /**
     * The child: 8 threads enqueue to 16 recipients (all accepted at one instant, so order rests on the
     * insertion sequence) and remove every third message they stored, printing "ok name" after each STORED,
     * "rm? name" before a removal and "rm name" after it; the name is "t&lt;thread&gt;_&lt;i&gt;".
     */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(Path.of(args[0])));
            SqliteMailbox mailbox = new SqliteMailbox(db);
            Instant acceptedAt = Instant.now();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; ; i++) {
                        String name = "t" + thread + "_" + i;
                        String id = id(name);
                        MailboxMessage m = new MailboxMessage(id, "r" + i % RECIPIENTS, "alice",
                                "{\"n\":\"" + name + "\"}", null, acceptedAt, acceptedAt.plus(Duration.ofDays(7)));
                        if (mailbox.enqueue(m, replayKey(id), Mailbox.MAX_QUOTA) != EnqueueResult.STORED) {
                            throw new AssertionError("not stored: " + name);
                        }
                        ChildJvm.print("ok " + name);
                        if (i % 3 == 2) {
                            ChildJvm.print("rm? " + name);
                            mailbox.remove(m.recipient(), List.of(id));
                            ChildJvm.print("rm " + name);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
        }

        static String id(String name) {
            return HexFormat.of().formatHex(sha256("id " + name)).substring(0, 32);
        }

        static byte[] replayKey(String id) {
            return sha256("signature of " + id);
        }

        private static byte[] sha256(String s) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }
}
