package org.nymdir.load.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.nymdir.client.ClientConfig;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Peers;
import org.nymdir.client.UserIdentity;
import org.nymdir.crypto.EcKeyPair;

/**
 * A flood beside a legitimate user: how long a person's lookups take while many sender tags (each a fresh
 * connection, as tags are free) send the directory registrations as fast as it answers them, each costing a
 * key check and an ECDSA signature. The directory runs in its own process with every rate limit out of reach
 * (as in {@code nymdir bench}), so this measures the request lanes' fairness alone.
 *
 * <pre>
 * java -cp load/target/nymdir-load.jar org.nymdir.load.bench.FloodBench [floodTags] [lookups] [inFlightPerTag]
 * </pre>
 *
 * Prints p50, p99 and max of the legitimate lookups: with no flood, during the flood for a user who logged in
 * (a member of the lanes), and during the flood for a client that never proved a key (a stranger).
 */
public final class FloodBench {
    private FloodBench() {
    }

    public static void main(String[] args) throws Exception {
        int floodTags = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path work = Files.createTempDirectory("nymdir-flood-");
        try (LocalSystem system = LocalSystem.start(work, "512m", "auto", null, false, 1, System.out)) {
            Target target = system.target();
            ClientConfig config = ClientConfig.of(target.directory()).withReplyTimeout(Duration.ofSeconds(60));
            SecureRandom random = new SecureRandom();
            try (NymdirClient alice = NymdirClient.connect(target.clientsUrl(), config,
                    UserIdentity.generate("alice", random), Peers.inMemory());
                 NymdirClient bob = NymdirClient.connect(target.clientsUrl(), config,
                         UserIdentity.generate("bob", random), Peers.inMemory());
                 NymdirClient stranger = NymdirClient.connect(target.clientsUrl(), config, null, Peers.inMemory())) {
                alice.register();
                bob.register();
                lookups(alice, 50); // warm-up
                report("no flood, logged-in user", lookups(alice, lookups));
                try (Flood flood = Flood.start(target, floodTags, inFlight)) {
                    flood.awaitAnswers(floodTags * 10L);
                    long before = flood.answered.get();
                    long start = System.nanoTime();
                    report("flood, logged-in user (member)", lookups(alice, lookups));
                    report("flood, client without login (stranger)", lookups(stranger, lookups / 3));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("flood: %d tags, %d in flight each, %.0f answers/s during the measurement%n",
                            floodTags, inFlight, (flood.answered.get() - before) / seconds);
                }
            }
        }
    }

    private static long[] lookups(NymdirClient client, int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            client.lookup("bob");
            nanos[i] = System.nanoTime() - t;
        }
        return nanos;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-42s lookups %5d  p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms%n", what, sorted.length,
                at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** Fresh connections, each keeping {@code inFlight} registrations of new names outstanding. */
    private static final class Flood implements AutoCloseable, Connection.Handler {
        final AtomicLong answered = new AtomicLong();
        private final AtomicLong names = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Connection> connections = new ArrayList<>();
        private final String keyJson;

        private Flood(String keyPem) {
            this.keyJson = keyPem.replace("\n", "\\n");
        }

        static Flood start(Target target, int tags, int inFlight) {
            Flood flood = new Flood(EcKeyPair.generate(new SecureRandom()).publicKeyPem());
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < tags; i++) {
                Connection c = Connection.open(http, target.clientsUrl(), i, target.directory(), 10, flood);
                flood.connections.add(c);
                for (int k = 0; k < inFlight; k++) {
                    flood.register(c);
                }
            }
            return flood;
        }

        void register(Connection c) {
            String request = "{\"action\": \"register\", \"usernym\": \"flood" + names.incrementAndGet()
                    + "\", \"publicKey\": \"" + keyJson + "\"}";
            c.send(c.frameFor(request), Connection.Kind.REGISTER, 0);
        }

        void awaitAnswers(long n) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (answered.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(100); // a load tool waiting for its flood to get going, not a test
            }
        }

        @Override
        public void reply(Connection connection, Connection.Pending request, String envelope, long nowNanos) {
            answered.incrementAndGet();
            if (running.get()) {
                register(connection);
            }
        }

        @Override
        public void delivery(Connection connection, String envelope, long nowNanos) {
        }

        @Override
        public void unexpected(Connection connection, String what) {
        }

        @Override
        public void close() {
            running.set(false);
            connections.forEach(Connection::close);
        }
    }
}
