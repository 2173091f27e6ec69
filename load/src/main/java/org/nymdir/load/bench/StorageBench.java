package org.nymdir.load.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.nymdir.app.LocalDirectory;
import org.nymdir.client.ClientConfig;
import org.nymdir.client.ClientException;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Peers;
import org.nymdir.client.UserIdentity;

/**
 * What an attacker can make the directory store before it refuses, at the default quotas (issue 10), measured
 * over the local mixnet with the Java client (which declares itself acking, so everything sent to it stays
 * until it acks: an account that registers and leaves keeps its mail for the mailbox's whole life). Rate
 * limits are off here, so the figures are bytes, not time; the default send limit (120 burst, 1,200 a
 * minute per sender) only slows the filling down.
 *
 * <pre>
 * java -cp load/target/nymdir-load.jar org.nymdir.load.bench.StorageBench [textKiB]
 * </pre>
 *
 * Prints: the bytes and messages strangers (fresh puppet accounts) fill in one victim's mailbox before
 * {@code recipient mailbox full}, whether the victim's friend still gets through, and the bytes one
 * sender parks with an accomplice (who wrote to it first: no strangers' share) before {@code sender quota
 * full}.
 */
public final class StorageBench {
    private StorageBench() {
    }

    public static void main(String[] args) throws Exception {
        int textKib = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        String big = "x".repeat(textKib * 1024);
        Path work = Files.createTempDirectory("nymdir-storage-");
        SecureRandom random = new SecureRandom();
        try (LocalDirectory local = LocalDirectory.builder(work).settings(Map.of("NYMDIR_LIMIT_SEND", "off",
                "NYMDIR_LIMIT_REGISTER", "off", "NYMDIR_LIMIT_LOOKUP", "off",
                "NYMDIR_LIMIT_CHALLENGE_RESPONSE", "off")).start()) {
            ClientConfig config = local.clientConfig().withReplyTimeout(Duration.ofSeconds(60));
            NymdirClient alice = client(local, config, "alice", random);
            NymdirClient bob = client(local, config, "bob", random);
            alice.send("bob", "hi bob"); // alice wrote to bob: he is her friend from now on
            alice.close(); // away: her mail waits until she acks it
            long start = System.nanoTime();
            int stored = 0;
            int puppets = 0;
            String refusal = null;
            while (refusal == null) {
                try (NymdirClient puppet = client(local, config, "puppet" + puppets++, random)) {
                    for (int i = 0; i < 50 && refusal == null; i++) {
                        refusal = trySend(puppet, "alice", big + i);
                        if (refusal == null) {
                            stored++;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long strangersBytes = local.directory().mailboxBytes();
            System.out.printf(Locale.ROOT, "strangers -> one victim: %d messages of %d KiB text from %d puppets,"
                    + " %.1f MiB stored, then '%s' (%.1f s)%n", stored, textKib, puppets, strangersBytes / 1048576.0,
                    refusal, seconds);
            String friend = trySend(bob, "alice", "bob, whom alice wrote to");
            System.out.printf(Locale.ROOT, "the victim's friend then: %s%n", friend == null ? "success" : friend);

            NymdirClient accomplice = client(local, config, "accomplice", random);
            NymdirClient sender = client(local, config, "sender", random);
            accomplice.send("sender", "hello"); // the accomplice writes first: the sender is its friend
            accomplice.close();
            long before = local.directory().mailboxBytes();
            int parked = 0;
            String senderRefusal;
            while ((senderRefusal = trySend(sender, "accomplice", big + parked)) == null) {
                parked++;
            }
            System.out.printf(Locale.ROOT, "one sender -> an accomplice: %d messages, %.1f MiB stored, then '%s'%n",
                    parked, (local.directory().mailboxBytes() - before) / 1048576.0, senderRefusal);
            System.out.printf(Locale.ROOT, "mailbox now: %d messages, %.1f MiB (cap 4096 MiB)%n",
                    local.directory().mailboxSize(), local.directory().mailboxBytes() / 1048576.0);
            sender.close();
            bob.close();
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p); // ~80 MiB of mail: not left in the temp folder
                }
            }
        }
    }

    private static NymdirClient client(LocalDirectory local, ClientConfig config, String name, SecureRandom random)
            throws ClientException, InterruptedException {
        NymdirClient c = NymdirClient.connect(local.sim().clientUrl(name), config, UserIdentity.generate(name, random),
                Peers.inMemory());
        c.register();
        return c;
    }

    /** Null when stored, else the directory's refusal. */
    private static String trySend(NymdirClient from, String to, String text) throws InterruptedException {
        try {
            from.send(to, text);
            return null;
        } catch (ClientException e) {
            return e.getMessage();
        }
    }
}
