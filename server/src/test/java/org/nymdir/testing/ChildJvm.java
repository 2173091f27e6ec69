package org.nymdir.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code main} class run in a child JVM on this test's class path: for crash tests, which must kill a
 * process outright (no shutdown hook, no close, no checkpoint), and for anything that must run as its own
 * process. Its standard output is read line by line on a daemon thread; standard error goes to a file (or
 * nowhere).
 *
 * <p>{@link #kill()} is SIGKILL ({@link Process#destroyForcibly()} on Linux) and checks it: a JVM that got
 * SIGKILL exits with 128 + 9, while SIGTERM (143) would have run the shutdown hooks. {@link #close()} kills
 * whatever is still running, and a shutdown hook of this JVM does the same, so no child outlives its test.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.builder(Writer.class).args(file.toString()).start()) {
 *     child.awaitLine(l -> l.startsWith("ready"), Duration.ofSeconds(20));
 *     child.kill();
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {
    /** Exit status of a JVM ended by SIGKILL, as {@link Process#exitValue()} reports it on Linux. */
    public static final int SIGKILL_EXIT = 128 + 9;
    /** Exit status of a JVM ended by SIGTERM without exiting on its own (shutdown hooks ran). */
    public static final int SIGTERM_EXIT = 128 + 15;

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final String END = new String("end of output"); // identity marks the end of the stream

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "child-jvm-reaper"));
    }

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private boolean ended;

    private ChildJvm(Process process) {
        this.process = process;
        LIVE.add(process);
        Thread.ofPlatform().daemon().name("child-jvm-stdout-" + process.pid()).start(this::pump);
    }

    public static Builder builder(Class<?> main) {
        return new Builder(main);
    }

    /** How to start a child JVM. */
    public static final class Builder {
        private final Class<?> main;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private Map<String, String> env = Map.of();
        private Path workDir;
        private Path stderr;

        private Builder(Class<?> main) {
            this.main = main;
        }

        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        public Builder args(List<String> values) {
            args.addAll(values);
            return this;
        }

        public Builder jvmOptions(String... values) {
            jvmOptions.addAll(List.of(values));
            return this;
        }

        /** Variables added to (or replacing those of) the inherited environment. */
        public Builder env(Map<String, String> values) {
            env = Map.copyOf(values);
            return this;
        }

        public Builder workDir(Path dir) {
            workDir = dir;
            return this;
        }

        /** Appends the child's standard error to this file; without it, standard error is discarded. */
        public Builder stderrTo(Path file) {
            stderr = file;
            return this;
        }

        public ChildJvm start() throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "-Dlogback.configurationFile=logback-test.xml", "--enable-native-access=ALL-UNNAMED"));
            command.addAll(jvmOptions);
            command.add(main.getName());
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectError(stderr == null ? ProcessBuilder.Redirect.DISCARD
                            : ProcessBuilder.Redirect.appendTo(stderr.toFile()));
            pb.environment().putAll(env);
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            return new ChildJvm(pb.start());
        }
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child died under us: its output ends here
        } finally {
            lines.add(END);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The next line the child printed, waiting up to {@code timeout}; null when its output ended or nothing
     * came in time. Lines taken here are also kept for {@link #lines()}.
     */
    public String nextLine(Duration timeout) throws InterruptedException {
        if (ended) {
            return null;
        }
        String line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == END) {
            ended = true;
            return null;
        }
        if (line != null) {
            seen.add(line);
        }
        return line;
    }

    /** Every line taken with {@link #nextLine} so far. */
    public List<String> lines() {
        return List.copyOf(seen);
    }

    /** SIGKILL; waits until the process is gone and asserts that it died of that signal. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        int status = awaitExit();
        if (status != SIGKILL_EXIT) {
            throw new AssertionError("expected the child to die of SIGKILL (exit " + SIGKILL_EXIT + "), got " + status);
        }
    }

    /** SIGTERM (a clean stop: shutdown hooks run); waits up to {@code timeout}, then kills. Returns the status. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
        }
        return awaitExit();
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child JVM " + process.pid() + " did not exit");
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }

    /** For a child: prints a whole line and flushes it before returning, from any thread. */
    public static void print(String line) {
        synchronized (OUT) {
            OUT.println(line);
        }
    }
}
