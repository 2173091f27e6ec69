package org.nymdir.load.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.nymdir.app.cli.WorkFolder;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.mixnet.addressing.NymAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nymdir bench}: registers N users through the full challenge round trip, relays M signed messages
 * between them and looks users up, through a directory over the local mixnet, and reports rates, latencies
 * (end to end and directory-side), the directory's CPU time and heap, and any message lost.
 *
 * <p>By default it starts the local mixnet and the directory as processes of their own; with
 * {@code --clients-url} and {@code --directory-address} it drives ones already running (loopback only).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load benchmark: registrations, relays and lookups through a directory over the local mixnet.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--users", defaultValue = "10000", description = "users to register (default ${DEFAULT-VALUE})")
    int users;
    @Option(names = "--relays", defaultValue = "30000", description = "messages to relay (default ${DEFAULT-VALUE})")
    int relays;
    @Option(names = "--warmup", defaultValue = "5000",
            description = "relays sent first and not counted, so the JIT compilers are done; as many lookups"
                    + " (at most --lookups) before the lookups (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--warmup-users", defaultValue = "2000",
            description = "extra users registered first and not counted (default ${DEFAULT-VALUE})")
    int warmupUsers;
    @Option(names = "--lookups", defaultValue = "10000", description = "lookups (default ${DEFAULT-VALUE})")
    int lookups;
    @Option(names = "--clients", defaultValue = "200",
            description = "mixnet connections (sender tags) the users share (default ${DEFAULT-VALUE})")
    int clients;
    @Option(names = "--in-flight", defaultValue = "256",
            description = "bound on relays or lookups sent and not yet done (default ${DEFAULT-VALUE})")
    int inFlight;
    @Option(names = "--rate", defaultValue = "0",
            description = "offered relays and lookups per second; 0 = as fast as --in-flight allows")
    double rate;
    @Option(names = "--body-bytes", defaultValue = "256",
            description = "size of a relayed body (default ${DEFAULT-VALUE})")
    int bodyBytes;
    @Option(names = "--reply-surbs", defaultValue = "10",
            description = "SURBs per request, as nymCHAT (default ${DEFAULT-VALUE})")
    int replySurbs;
    @Option(names = "--directory-heap", defaultValue = "256m",
            description = "-Xmx of the directory started (default ${DEFAULT-VALUE})")
    String heap;
    @Option(names = "--directory-crypto", defaultValue = "auto",
            description = "ECDSA provider of the directory started: auto, jdk, native")
    String crypto;
    @Option(names = "--directory-java-options", description = "more JVM options for the directory started, "
            + "space-separated (e.g. -XX:StartFlightRecording=filename=dir.jfr to profile it)")
    String directoryJavaOptions;
    @Option(names = "--simple-surbs", description = "the mixnet started keeps no SURB reserve (no top-up round trips)")
    boolean simpleSurbs;
    @Option(names = "--verify-every", defaultValue = "100",
            description = "check the signature of one reply in N (default ${DEFAULT-VALUE})")
    int verifyEvery;
    @Option(names = "--timeout", defaultValue = "120",
            description = "seconds a phase may take to finish after its last send")
    long timeout;
    @Option(names = "--seed", defaultValue = "1", description = "seed of who sends to whom")
    long seed;
    @Option(names = "--json", defaultValue = "nymdir-bench.json",
            description = "result file (default ${DEFAULT-VALUE})")
    Path json;
    @Option(names = "--work-dir",
            description = "folder for the started processes' files (default: a new temporary one)")
    Path workDir;
    @Option(names = "--keep", description = "keep the work folder (database, logs) afterwards")
    boolean keep;
    @Option(names = "--clients-url",
            description = "drive a running mixnet: its clients port, e.g. ws://127.0.0.1:1978/")
    URI clientsUrl;
    @Option(names = "--directory-address", description = "with --clients-url: the running directory's nym address")
    String directoryAddress;
    @Option(names = "--directory-key", description = "with --clients-url: its public key file, to check replies")
    Path directoryKey;
    @Option(names = "--stats-url", description = "with --clients-url: its GET /stats (serve --stats-port)")
    URI statsUrl;
    @Option(names = "--nodes", defaultValue = "1", description = "directory nodes to start (1 or 2; 2 need "
            + "NYMDIR_DATABASE_URL, a PostgreSQL database they share; clients are spread over them)")
    int nodes;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (users < 1 || clients < 1 || inFlight < 1 || relays < 0 || lookups < 0) {
            throw new IllegalArgumentException("--users, --clients and --in-flight must be positive");
        }
        boolean spawn = clientsUrl == null;
        Path work = spawn
                ? (workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("nymdir-bench"))
                : null;
        if (nodes < 1 || nodes > 2 || (nodes > 1 && !spawn)) {
            throw new IllegalArgumentException("--nodes is 1 or 2, and 2 only for the system the bench starts");
        }
        LocalSystem system = spawn ? LocalSystem.start(work, heap, crypto, directoryJavaOptions, simpleSurbs, nodes,
                out) : null;
        try {
            Target target = spawn ? system.target() : runningTarget();
            int exit = run(target);
            if (system != null && !system.directoryAlive()) {
                out.println("the directory process ended during the run; see its log (--keep keeps it)");
                return 1;
            }
            return exit;
        } finally {
            if (system != null) {
                system.close();
                if (!keep) {
                    WorkFolder.deleteTree(work);
                } else {
                    out.println("kept " + work);
                }
            }
        }
    }

    private Target runningTarget() throws Exception {
        Loopback.require(clientsUrl);
        Loopback.require(statsUrl);
        if (directoryAddress == null) {
            throw new IllegalArgumentException("--clients-url needs --directory-address");
        }
        String key = directoryKey == null ? null : Files.readString(directoryKey);
        return new Target(clientsUrl, NymAddress.parse(directoryAddress.strip()), key, statsUrl, null, null,
                List.of());
    }

    private int run(Target t) throws Exception {
        ObjectNode result = new ObjectMapper().createObjectNode();
        result.set("machine", Machine.describe());
        result.put("loadAverageAtStart", CpuTime.loadAverage());
        Ecdsa ecdsa = Ecdsa.withDefaultProvider();
        int connections = Math.min(clients, users);
        long t0 = System.nanoTime();
        Workload work = Workload.users(users, connections, ecdsa);
        out.printf(Locale.ROOT, "made %,d users (P-256 keys) in %.1f s; bench signs with %s%n", users,
                (System.nanoTime() - t0) / 1e9, ecdsa.provider().name());
        Replies replies = new Replies(ecdsa, t.directoryKeyPem(), verifyEvery);
        HttpClient http = HttpClient.newHttpClient();
        Connection[] conns = new Connection[connections];
        for (int c = 0; c < connections; c++) {
            conns[c] = Connection.open(http, t.clientsUrl(), c, t.directoryFor(c), replySurbs, null);
        }
        Phases phases = new Phases(t, out);
        ObjectNode phaseResults = result.putObject("phases");
        long lost = 0;
        try {
            if (warmupUsers > 0) {
                Workload extra = Workload.users(warmupUsers, connections, ecdsa);
                Report.Phase w = phases.registrations("warm-up", new Registrations(extra, conns, replies), timeout);
                phaseResults.set("warmupRegistrations", w.json());
                lost += w.lost();
            }
            Registrations reg = new Registrations(work, conns, replies);
            Report.Phase r = phases.registrations("registrations", reg, timeout);
            phaseResults.set("registrations", r.json());
            lost += r.lost();
            if (relays > 0) {
                Traffic.Item[] all = relayItems(work, conns);
                if (warmup > 0) {
                    Report.Phase w = phases.traffic("warm-up", Arrays.copyOfRange(all, relays, all.length),
                            relays, Connection.Kind.SEND, conns, replies, inFlight, 0, timeout, "SEND");
                    phaseResults.set("warmup", w.json());
                    lost += w.lost();
                }
                Report.Phase p = phases.traffic("relays", Arrays.copyOf(all, relays), 0, Connection.Kind.SEND,
                        conns, replies, inFlight, rate, timeout, "SEND");
                phaseResults.set("relays", p.json());
                lost += p.lost();
            }
            if (lookups > 0) {
                Random random = new Random(seed + 1);
                // as many uncounted first as the relays' warm-up (at most the lookups counted): the lookup's
                // own code (the key's reply, signed) is compiled before it is timed
                int warmupLookups = Math.min(Math.max(0, warmup), lookups);
                Traffic.Item[] items = new Traffic.Item[lookups + warmupLookups];
                for (int i = 0; i < items.length; i++) {
                    int c = random.nextInt(connections);
                    items[i] = new Traffic.Item(c, conns[c].frameFor(work.query(random)));
                }
                if (warmupLookups > 0) {
                    Report.Phase w = phases.traffic("warm-up", Arrays.copyOfRange(items, lookups, items.length),
                            0, Connection.Kind.QUERY, conns, replies, inFlight, 0, timeout, "QUERY");
                    phaseResults.set("warmupLookups", w.json());
                    lost += w.lost();
                }
                Report.Phase p = phases.traffic("lookups", Arrays.copyOf(items, lookups), 0, Connection.Kind.QUERY,
                        conns, replies, inFlight, rate, timeout, "QUERY");
                phaseResults.set("lookups", p.json());
                lost += p.lost();
            }
            result.set("directory", phases.directorySummary());
            result.put("messagesLost", lost);
            result.put("signaturesChecked", replies.checked()).put("badSignatures", replies.badSignatures());
            result.set("config", configJson(t, connections));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
            out.printf(Locale.ROOT, "messages lost: %d; reply signatures checked: %d, bad: %d%nwrote %s%n", lost,
                    replies.checked(), replies.badSignatures(), json.toAbsolutePath());
            return lost == 0 && replies.badSignatures() == 0 ? 0 : 1;
        } finally {
            for (Connection c : conns) {
                c.close();
            }
        }
    }

    private Traffic.Item[] relayItems(Workload work, Connection[] conns) {
        long t0 = System.nanoTime();
        Workload.Relay[] prepared = work.relays(relays + Math.max(0, warmup), bodyBytes, seed);
        Traffic.Item[] items = new Traffic.Item[prepared.length];
        for (int i = 0; i < prepared.length; i++) {
            int c = work.connectionOf(prepared[i].sender());
            items[i] = new Traffic.Item(c, conns[c].frameFor(prepared[i].request()));
        }
        out.printf(Locale.ROOT, "signed %,d relays in %.1f s (before timing)%n", items.length,
                (System.nanoTime() - t0) / 1e9);
        return items;
    }

    private ObjectNode configJson(Target t, int connections) {
        ObjectNode c = new ObjectMapper().createObjectNode();
        c.put("users", users).put("relays", relays).put("warmupRelays", warmup)
                .put("warmupUsers", warmupUsers).put("lookups", lookups).put("connections", connections);
        c.put("inFlight", inFlight).put("rate", rate).put("bodyBytes", bodyBytes).put("replySurbs", replySurbs);
        c.put("startedProcesses", t.directoryPid() != null);
        c.put("nodes", 1 + t.moreNodes().size());
        c.put("store", System.getenv("NYMDIR_DATABASE_URL") == null ? "sqlite" : "postgresql");
        if (t.directoryPid() != null) {
            c.put("directoryHeap", heap).put("directoryCrypto", crypto).put("simpleSurbs", simpleSurbs);
            c.put("rateLimits", "on, raised out of reach (the bench's users share sender tags)");
        }
        return c;
    }
}
