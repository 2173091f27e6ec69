package org.nymdir.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.nymdir.Main;
import org.nymdir.app.settings.ServeSettings;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChildJvm;

/**
 * {@code nymdir serve} as its own process (a child JVM on the test class path), on files under one folder in
 * the original's layout ({@link DirectoryFiles}, given as its environment), connected to a local mixnet that
 * runs in the test. It can be SIGKILLed and started again on the same files.
 */
final class ServerProcess implements AutoCloseable {
    private final Path dir;
    private final DirectoryFiles files;
    private final Map<String, String> env;
    private String heap = "256m";
    private ChildJvm child;

    /** {@code settings}: more of the server's variables, as in {@link LocalDirectory.Builder#settings}. */
    ServerProcess(Path dir, URI websocketUrl, Map<String, String> settings) {
        this.dir = dir;
        this.files = new DirectoryFiles(dir);
        Map<String, String> vars = new HashMap<>(settings);
        vars.putAll(files.variables());
        vars.put(ServeSettings.WEBSOCKET_URL.name(), websocketUrl.toString());
        this.env = Map.copyOf(vars);
    }

    /** The SQLite database (on PostgreSQL: the unused default path, beside which the admin token lies). */
    Path database() {
        return files.database();
    }

    DirectoryFiles files() {
        return files;
    }

    /** The heap limit of the next {@link #start} ({@code -Xmx}; 256m unless set). */
    ServerProcess heap(String xmx) {
        heap = xmx;
        return this;
    }

    Path stderr() {
        return dir.resolve("server.err");
    }

    /** Starts the server and waits until it published its address (it reached its nym-client). */
    NymAddress start() throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(files.addressFile());
        child = ChildJvm.builder(Main.class)
                .args("serve", "--env-file", "/dev/null")
                // as the launcher runs it (server/jvm.options): out of heap, it exits rather than lingers
                .jvmOptions("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError")
                .env(env)
                .workDir(dir)
                .stderrTo(stderr())
                .start();
        Await.until("the server publishes its address (see " + stderr() + ")",
                () -> Files.exists(files.addressFile()) || !child.isAlive(), Duration.ofSeconds(60));
        if (!child.isAlive()) {
            throw new IllegalStateException("the server exited at start; see " + stderr());
        }
        return NymAddress.parse(Files.readString(files.addressFile()).strip());
    }

    boolean isAlive() {
        return child != null && child.isAlive();
    }

    /** The directory's public key, as it publishes it. */
    String publicKeyPem() throws IOException {
        return Files.readString(files.publicKeyFile());
    }

    /** SIGKILL, checked: no shutdown hook, no close, no checkpoint. */
    void kill() throws InterruptedException {
        child.kill();
    }

    /** A clean stop (SIGTERM: requests in flight finish, the database closes); returns the exit status. */
    int stop() throws InterruptedException {
        return child.terminate(Duration.ofSeconds(20));
    }

    /** Sends {@code signal} (HUP, TERM, ...) to the server with kill(1). */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " failed");
        }
    }

    Path logFile() {
        return dir.resolve("storage/app.log");
    }

    @Override
    public void close() {
        if (child != null) {
            child.close();
        }
    }
}
