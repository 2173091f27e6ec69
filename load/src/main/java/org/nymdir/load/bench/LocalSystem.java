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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nymdir.app.DirectoryFiles;
import org.nymdir.app.settings.ServeSettings;
import org.nymdir.directory.limits.Limit;
import org.nymdir.mixnet.addressing.NymAddress;

/**
 * The local mixnet and the directory, each in a process of its own started from this very class path
 * ({@code nymdir sim} and {@code nymdir serve}), on fresh files and free loopback ports: so the directory's
 * CPU time and heap are its own, not shared with the load generator. Their logs go to files in the work
 * folder. Closing stops the directory first (it finishes requests in flight), then the mixnet.
 */
final class LocalSystem implements AutoCloseable {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Process mixnet;
    private final Process directory;
    private final Target target;

    private LocalSystem(Process mixnet, Process directory, Target target) {
        this.mixnet = mixnet;
        this.directory = directory;
        this.target = target;
    }

    /**
     * @param heap the directory's -Xmx, e.g. {@code 256m}
     * @param crypto the directory's {@code NYMDIR_CRYPTO_PROVIDER}: auto, jdk or native
     * @param javaOptions more JVM options for the directory, space-separated; may be null
     * @param simpleSurbs the mixnet's simple SURB accounting (no reserve, no top-ups)
     */
    static LocalSystem start(Path work, String heap, String crypto, String javaOptions, boolean simpleSurbs,
                             PrintStream out)
            throws IOException, InterruptedException {
        int servicePort = freePort();
        int clientsPort = freePort();
        int simStatsPort = freePort();
        int statsPort = freePort();
        DirectoryFiles files = new DirectoryFiles(work.resolve("directory"));
        Files.createDirectories(files.root());
        List<String> sim = new ArrayList<>(List.of("sim", "--service-port", "" + servicePort,
                "--clients-port", "" + clientsPort, "--stats-port", "" + simStatsPort,
                "--state-dir", work.resolve("sim-state").toString()));
        if (simpleSurbs) {
            sim.add("--simple-surbs");
        }
        Process mixnet = launch(List.of("-Xmx1g"), sim, Map.of(), work.resolve("mixnet.log"));
        Process directory = null;
        try {
            awaitPort(clientsPort, mixnet, work.resolve("mixnet.log"));
            // as server/jvm.options runs it: a directory out of heap exits instead of hanging on
            List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
            if (javaOptions != null && !javaOptions.isBlank()) {
                jvm.addAll(List.of(javaOptions.strip().split("\\s+")));
            }
            Map<String, String> env = new HashMap<>(files.variables());
            env.put(ServeSettings.WEBSOCKET_URL.name(), "ws://127.0.0.1:" + servicePort + "/");
            directory = launch(jvm, List.of("serve", "--env-file", "/dev/null", "--crypto-provider", crypto,
                    "--stats-port", "" + statsPort), env, work.resolve("directory.log"));
            awaitFile(files.addressFile(), directory, work.resolve("directory.log"));
            awaitPort(statsPort, directory, work.resolve("directory.log"));
            NymAddress address = NymAddress.parse(Files.readString(files.addressFile(), StandardCharsets.UTF_8).strip());
            String key = Files.readString(files.publicKeyFile(), StandardCharsets.US_ASCII);
            out.printf("started the local mixnet (pid %d) and the directory (pid %d, -Xmx%s); logs in %s%n",
                    mixnet.pid(), directory.pid(), heap, work);
            Target target = new Target(URI.create("ws://127.0.0.1:" + clientsPort + "/"), address, key,
                    URI.create("http://127.0.0.1:" + statsPort + "/stats"), directory.pid(), mixnet.pid());
            return new LocalSystem(mixnet, directory, target);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(directory);
            stop(mixnet);
            throw e;
        }
    }

    Target target() {
        return target;
    }

    /** Whether the directory process is still running (a crash, e.g. out of memory, ends the bench). */
    boolean directoryAlive() {
        return directory.isAlive();
    }

    @Override
    public void close() {
        stop(directory);
        stop(mixnet);
    }

    private static Process launch(List<String> jvmOptions, List<String> command, Map<String, String> env, Path log)
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
