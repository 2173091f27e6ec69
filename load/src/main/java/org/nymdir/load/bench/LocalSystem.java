package org.nymdir.load.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nymdir.directory.limits.Limit;
import org.nymdir.mixnet.addressing.NymAddress;

/**
 * The local mixnet and the directory (one node, or two on a shared PostgreSQL database), each in a process of
 * its own started from this very class path ({@code nymdir sim} and {@code nymdir serve}), on fresh files
 * and free loopback ports: so the directory's
 * CPU time and heap are its own, not shared with the load generator. Their logs go to files in the work
 * folder. Closing stops the directory first (it finishes requests in flight), then the mixnet.
 */
final class LocalSystem implements AutoCloseable {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Process mixnet;
    private final List<Process> directories;
    private final Target target;

    private LocalSystem(Process mixnet, List<Process> directories, Target target) {
        this.mixnet = mixnet;
        this.directories = List.copyOf(directories);
        this.target = target;
    }

    /**
     * @param heap the directory's -Xmx, e.g. {@code 256m}
     * @param crypto the directory's {@code NYMDIR_CRYPTO_PROVIDER}: auto, jdk or native
     * @param javaOptions more JVM options for the directory, space-separated; may be null
     * @param simpleSurbs the mixnet's simple SURB accounting (no reserve, no top-ups)
     */
    static LocalSystem start(Path work, String heap, String crypto, String javaOptions, boolean simpleSurbs,
                             int nodes, PrintStream out)
            throws IOException, InterruptedException {
        if (nodes > 1 && System.getenv("NYMDIR_DATABASE_URL") == null) {
            throw new IllegalArgumentException("--nodes " + nodes + " needs NYMDIR_DATABASE_URL: the nodes share a"
                    + " PostgreSQL database");
        }
        int servicePort = freePort();
        int clientsPort = freePort();
        int simStatsPort = freePort();
        List<String> sim = new ArrayList<>(List.of("sim", "--service-port", "" + servicePort,
                "--clients-port", "" + clientsPort, "--stats-port", "" + simStatsPort,
                "--state-dir", work.resolve("sim-state").toString()));
        List<Integer> moreServicePorts = new ArrayList<>();
        for (int i = 2; i <= nodes; i++) {
            int port = freePort();
            moreServicePorts.add(port);
            sim.addAll(List.of("--extra-service", "node" + i + "=" + port));
        }
        if (simpleSurbs) {
            sim.add("--simple-surbs");
        }
        Process mixnet = launch(List.of("-Xmx1g"), sim, work.resolve("mixnet.log"), Map.of());
        List<Process> directories = new ArrayList<>();
        try {
            awaitPort(clientsPort, mixnet, work.resolve("mixnet.log"));
            // as server/jvm.options runs it: a directory out of heap exits instead of hanging on
            List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
            if (javaOptions != null && !javaOptions.isBlank()) {
                jvm.addAll(List.of(javaOptions.strip().split("\\s+")));
            }
            int statsPort = freePort();
            Path dir = work.resolve("directory");
            long launched = System.nanoTime();
            Started first = startNode(work, dir, jvm, servicePort, statsPort, crypto, "node1", "directory.log");
            directories.add(first.process());
            // start-up: from the launch to a directory that has its nym address and serves its stats
            out.printf(Locale.ROOT, "directory ready %d ms after its launch (CPU %.2f s by then)%n",
                    (System.nanoTime() - launched) / 1_000_000, CpuTime.seconds(first.process().pid()));
            List<Target.Node> more = new ArrayList<>();
            for (int i = 0; i < moreServicePorts.size(); i++) {
                String id = "node" + (i + 2);
                Path other = work.resolve("directory-" + id);
                // the operator's step: the same key and password on every node
                Files.createDirectories(other.resolve("keys"));
                try (var keys = Files.list(dir.resolve("keys"))) {
                    for (Path f : keys.toList()) {
                        Files.copy(f, other.resolve("keys").resolve(f.getFileName().toString()));
                    }
                }
                Files.copy(dir.resolve("secret"), other.resolve("secret"));
                Started node = startNode(work, other, jvm, moreServicePorts.get(i), freePort(), crypto, id,
                        "directory-" + id + ".log");
                directories.add(node.process());
                more.add(new Target.Node(node.address(), node.process().pid()));
            }
            String key = Files.readString(dir.resolve("keys/nym_server_public_key.pem"), StandardCharsets.US_ASCII);
            out.printf("started the local mixnet (pid %d) and %d directory node(s) (pid %s, -Xmx%s); logs in %s%n",
                    mixnet.pid(), directories.size(), directories.stream().map(p -> "" + p.pid()).toList(), heap,
                    work);
            Target target = new Target(URI.create("ws://127.0.0.1:" + clientsPort + "/"), first.address(), key,
                    URI.create("http://127.0.0.1:" + statsPort + "/stats"), first.process().pid(), mixnet.pid(),
                    more);
            return new LocalSystem(mixnet, directories, target);
        } catch (IOException | InterruptedException | RuntimeException e) {
            directories.forEach(LocalSystem::stop);
            stop(mixnet);
            throw e;
        }
    }

    private record Started(Process process, NymAddress address) {
    }

    /** One {@code nymdir serve} on {@code dir}, as node {@code id} (used on PostgreSQL only). */
    private static Started startNode(Path work, Path dir, List<String> jvm, int servicePort, int statsPort,
                                     String crypto, String id,
                                     String logName) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path addressFile = dir.resolve("nym_address.txt");
        Path log = work.resolve(logName);
        Process p = launch(jvm, List.of("serve",
                "--websocket-url", "ws://127.0.0.1:" + servicePort + "/",
                "--database", dir.resolve("nymdir.db").toString(),
                "--keys-dir", dir.resolve("keys").toString(),
                "--secret-path", dir.resolve("secret").toString(),
                "--log-file", dir.resolve("app.log").toString(),
                "--address-file", addressFile.toString(),
                "--env-file", "/dev/null",
                "--crypto-provider", crypto,
                "--stats-port", "" + statsPort), log, Map.of("NYMDIR_NODE_ID", id,
                // the bench registers and looks up as v1 clients do, from many tags and at rates beyond the
                // node-wide budgets for those (issue 11): it measures the directory's work, not those budgets
                "NYMDIR_LIMIT_REGISTER_NODE", "off", "NYMDIR_LIMIT_LOOKUP_ANONYMOUS", "off"));
        try {
            awaitFile(addressFile, p, log);
            awaitPort(statsPort, p, log);
            return new Started(p, NymAddress.parse(Files.readString(addressFile, StandardCharsets.UTF_8).strip()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(p);
            throw e;
        }
    }

    Target target() {
        return target;
    }

    /** Whether every directory process is still running (a crash, e.g. out of memory, ends the bench). */
    boolean directoryAlive() {
        return directories.stream().allMatch(Process::isAlive);
    }

    @Override
    public void close() {
        directories.forEach(LocalSystem::stop);
        stop(mixnet);
    }

    private static Process launch(List<String> jvmOptions, List<String> command, Path log, Map<String, String> env)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.nymdir.Main"));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // as an operator runs it (a line per request), unless the bench's own environment says otherwise
        pb.environment().putIfAbsent("NYMDIR_LOG_LEVEL", "INFO");
        pb.environment().putAll(env);
        // The bench's users share sender tags (one per connection), which the per-tag rate limits are made to
        // stop: keep every limit on, so its bookkeeping is measured, at a rate the bench never reaches.
        for (Limit limit : Limit.values()) {
            pb.environment().put(limit.settingName(), "1000000000/1000000000");
        }
        return pb.start();
    }

    private static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy(); // SIGTERM: the directory finishes requests in flight and closes its database
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, Process owner, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException e) {
                checkAlive(owner, log, deadline, "port " + port);
                Thread.sleep(50);
            }
        }
    }

    private static void awaitFile(Path file, Process owner, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (!Files.exists(file)) {
            checkAlive(owner, log, deadline, file.getFileName().toString());
            Thread.sleep(50);
        }
    }

    private static void checkAlive(Process p, Path log, long deadline, String what) throws IOException {
        if (!p.isAlive() || System.nanoTime() > deadline) {
            throw new IOException((p.isAlive() ? "timed out waiting for " : "process exited before ") + what
                    + "; its log " + log + " ends with:\n" + tail(log));
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
