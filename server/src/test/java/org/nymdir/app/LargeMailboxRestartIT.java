package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.UserRecord;
import org.nymdir.store.sqlite.SqliteConfig;
import org.nymdir.store.sqlite.SqliteDatabase;
import org.nymdir.store.sqlite.SqliteMailbox;
import org.nymdir.store.sqlite.SqlitePresence;
import org.nymdir.store.sqlite.SqliteUserStore;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestUser;

/**
 * Issue 10's restart attack: a mailbox far larger than the heap, all of it for reachable (fresh) recipients
 * that never ack, and a directory started on it with {@code -Xmx64m}. Resume used to read a hundred waiting
 * messages per recipient, bodies included, all at once before serving: with {@value #PUPPETS} puppets of
 * {@value #MESSAGES_EACH} messages of {@value #BODY_CHARS} characters (about 120 MB) the directory died of
 * OutOfMemoryError at start. Now resume streams in bounded batches: the directory starts, serves, finishes
 * its resume, and the one real recipient gets her mail.
 */
class LargeMailboxRestartIT {
    private static final int PUPPETS = 150;
    private static final int MESSAGES_EACH = 100;
    private static final int BODY_CHARS = 8000;
    private static final Pattern RESUMED = Pattern.compile("resume after start: (\\d+) waiting messages");

    @RegisterExtension
    final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
    @TempDir
    Path dir;

    @Test
    void aMailboxLargerThanTheHeapResumesWithinIt() throws Exception {
        LocalMixnet sim = mixnet.sim();
        try (ServerProcess server = new ServerProcess(dir, sim.serviceUrl(),
                Map.of("NYMDIR_LOG_LEVEL", "INFO"))) { // the resume's closing line is at INFO
            NymAddress address = server.start();
            String key = server.publicKeyPem();
            TestUser carol = TestUser.named("carol");
            try (ChatPeer carolPeer = ChatPeer.connect(sim.clientUrl("carol"), address, key)) {
                carolPeer.register(carol);
                server.stop();

                long stored = fill(server.files().database());
                System.out.printf("large-mailbox restart: %,d messages, %,d MB of bodies, directory at -Xmx64m%n",
                        stored, stored * BODY_CHARS >> 20);

                server.heap("64m").start(); // waits until it serves: the address is published
                JsonNode first = carolPeer.poll(Duration.ofSeconds(60));
                assertThat(first).as("carol's resumed mail").isNotNull();
                assertThat(first.get("action").textValue()).isEqualTo("incomingMessage");
                Await.until("the resume finished (see " + server.stderr() + ")", () -> resumed(server) > 0,
                        Duration.ofMinutes(3));
                System.out.printf("large-mailbox restart: %,d messages handed out by the resume%n", resumed(server));
                assertThat(server.isAlive()).isTrue();
            }
            try (ChatPeer other = ChatPeer.connect(sim.clientUrl("dave"), address, key)) {
                JsonNode found = other.call(Requests.query("carol"));
                assertThat(ChatPeer.parse(found.get("content").textValue()).get("publicKey").textValue())
                        .isEqualTo(carol.publicKeyPem());
            }
            assertThat(server.isAlive()).as("still running after the resume (see %s)", server.stderr()).isTrue();
        }
    }

    /**
     * Writes the mailbox while no server runs: puppets with tags of their own, seen just now (fresh) and
     * acking (so nothing leaves their mailbox without an ack), {@value #MESSAGES_EACH} messages each; and as
     * many for carol, who registered for real. Returns the number of messages.
     */
    private static long fill(Path database) throws Exception {
        SecureRandom random = new SecureRandom();
        Instant now = Instant.now();
        String body = "\"" + "m".repeat(BODY_CHARS) + "\"";
        List<String> recipients = new ArrayList<>(List.of("carol"));
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(database)
                .withSynchronous(SqliteConfig.Synchronous.OFF));
             SqliteUserStore users = new SqliteUserStore(db);
             SqlitePresence presence = new SqlitePresence(db);
             SqliteMailbox mailbox = new SqliteMailbox(db);
             ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            String pem = TestUser.named("puppet").publicKeyPem();
            for (int p = 0; p < PUPPETS; p++) {
                String name = "puppet" + p;
                assertThat(users.insertUser(new UserRecord(name, pem, SenderTag.random(random).base58()))).isTrue();
                recipients.add(name);
            }
            for (String r : recipients) {
                presence.touch(r, now);
                presence.setAcking(r, true);
            }
            List<Future<EnqueueResult>> results = new ArrayList<>();
            for (int i = 0; i < MESSAGES_EACH; i++) {
                for (String r : recipients) {
                    byte[] id = new byte[16];
                    random.nextBytes(id);
                    MailboxMessage m = new MailboxMessage(HexFormat.of().formatHex(id), r, "mallory", body, null,
                            now, now.plus(Duration.ofDays(7)));
                    results.add(writers.submit(() -> mailbox.enqueue(m, id(m), 1000))); // group commit
                }
            }
            for (Future<EnqueueResult> f : results) {
                assertThat(f.get()).isEqualTo(EnqueueResult.STORED);
            }
            return results.size();
        }
    }

    private static byte[] id(MailboxMessage m) {
        byte[] key = new byte[32];
        byte[] id = HexFormat.of().parseHex(m.id());
        System.arraycopy(id, 0, key, 0, id.length);
        return key;
    }

    /** What the last resume's closing log line says it handed out; 0 before any resume finished with mail. */
    private static long resumed(ServerProcess server) {
        try {
            Matcher m = RESUMED.matcher(Files.exists(server.stderr()) ? Files.readString(server.stderr()) : "");
            long last = 0;
            while (m.find()) {
                last = Long.parseLong(m.group(1));
            }
            return last;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
