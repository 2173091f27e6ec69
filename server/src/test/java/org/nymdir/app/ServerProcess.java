package org.nymdir.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nymdir.Main;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChildJvm;

/**
 * {@code nymdir serve} as its own process (a child JVM on the test class path), on files under one folder,
 * connected to a local mixnet that runs in the test. It can be SIGKILLed and started again on the same files.
 */
final class ServerProcess implements AutoCloseable {
    private final Path dir;
    private final String websocketUrl;
    private final Map<String, String> env;
    private String heap = "256m";
    private ChildJvm child;

    ServerProcess(Path dir, String websocketUrl, Map<String, String> env) {
        this.dir = dir;
        this.websocketUrl = websocketUrl;
        this.env = Map.copyOf(env);
    }

    /** The heap limit of the next {@link #start} ({@code -Xmx}; 256m unless set). */
    ServerProcess heap(String xmx) {
        heap = xmx;
        return this;
    }

    Path database() {
        return dir.resolve("storage/nym_server.db");
    }

    Path addressFile() {
        return dir.resolve("storage/nym_address.txt");
    }

    Path stderr() {
        return dir.resolve("server.err");
    }

    /** Starts the server and waits until it published its address (it reached its nym-client). */
    NymAddress start() throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(addressFile());
        child = ChildJvm.builder(Main.class)
                .args(List.of("serve",
                        "--websocket-url", websocketUrl,
                        "--database", database().toString(),
                        "--keys-dir", dir.resolve("storage/keys").toString(),
                        "--secret-path", dir.resolve("secrets/encryption_password").toString(),
                        "--log-file", dir.resolve("storage/app.log").toString(),
                        "--address-file", addressFile().toString(),
                        "--env-file", "/dev/null"))
                // as the launcher runs it (server/jvm.options): out of heap, it exits rather than lingers
                .jvmOptions("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError")
                .env(env)
                .workDir(dir)
                .stderrTo(stderr())
                .start();
        Await.until("the server publishes its address (see " + stderr() + ")",
                () -> Files.exists(addressFile()) || !child.isAlive(), Duration.ofSeconds(60));
        if (!child.isAlive()) {
            throw new IllegalStateException("the server exited at start; see " + stderr());
        }
        return NymAddress.parse(Files.readString(addressFile()).strip());
    }

    boolean isAlive() {
        return child != null && child.isAlive();
    }

    /** The directory's public key, as it publishes it. */
    String publicKeyPem() throws IOException {
        return Files.readString(dir.resolve("storage/keys/nym_server_public_key.pem"));
    }

    /** SIGKILL, checked: no shutdown hook, no close, no checkpoint. */
    void kill() throws InterruptedException {
        child.kill();
    }

    /** A clean stop (SIGTERM: requests in flight finish, the database closes). */
    void stop() throws InterruptedException {
        child.terminate(Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        if (child != null) {
            child.close();
        }
    }
}
