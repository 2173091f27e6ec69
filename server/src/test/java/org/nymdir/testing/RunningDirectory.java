package org.nymdir.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.nymdir.app.DirectoryServer;
import org.nymdir.app.ServeConfig;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;

/**
 * A local mixnet and a directory on it, in this process, on ephemeral ports and files under one folder:
 * the whole system as a chat client sees it. The directory can be stopped and started again on the same
 * files, like an operator restarting it.
 */
public final class RunningDirectory implements AutoCloseable {
    private final Path dir;
    private final LocalMixnet mixnet;
    private final Map<String, String> settings;
    private final Clock clock;
    private DirectoryServer server;
    private NymAddress address;

    private RunningDirectory(Path dir, LocalMixnet mixnet, Map<String, String> settings, Clock clock) {
        this.dir = dir;
        this.mixnet = mixnet;
        this.settings = Map.copyOf(settings);
        this.clock = clock;
    }

    private LongSupplier usableBytes;

    /** Realistic SURB accounting (keep-10 reserve, top-up round trips), no delay or loss. */
    public static RunningDirectory start(Path dir) throws Exception {
        return start(dir, SimConfig.ephemeral(dir.resolve("sim")));
    }

    public static RunningDirectory start(Path dir, SimConfig sim) throws Exception {
        return start(dir, sim, Map.of());
    }

    /**
     * With extra settings, as an operator would put them in the environment or {@code .env} (for example
     * {@code NYMDIR_TAG_FRESHNESS=2s} or {@code NYMDIR_LIMIT_SEND=off}); they apply to every start.
     */
    public static RunningDirectory start(Path dir, SimConfig sim, Map<String, String> settings) throws Exception {
        return start(dir, sim, settings, Clock.systemUTC());
    }

    /**
     * As {@link #start(Path, SimConfig, Map)}, with the directory's clock: a {@link TestClock} lets a test
     * move time past a tag's freshness or a message's TTL instead of waiting for it. The mixnet keeps real time.
     */
    public static RunningDirectory start(Path dir, SimConfig sim, Map<String, String> settings, Clock clock)
            throws Exception {
        RunningDirectory running = new RunningDirectory(dir, LocalMixnet.start(sim), settings, clock);
        try {
            running.startDirectory();
        } catch (Exception | Error e) {
            running.close();
            throw e;
        }
        return running;
    }

    /**
     * What the directory's free-space floor reads as the free bytes on its disk from the next
     * {@link #startDirectory} on (null: the disk's own).
     */
    public RunningDirectory withFreeSpace(LongSupplier value) {
        usableBytes = value;
        return this;
    }

    /** Starts the directory (again) on the same database, keys and nym-client. */
    public void startDirectory() throws IOException, InterruptedException {
        server = DirectoryServer.start(config(), clock, usableBytes);
        address = server.awaitAddress(Duration.ofSeconds(10));
        if (address == null) {
            throw new IllegalStateException("the directory did not learn its address from the local mixnet");
        }
        Await.until("the address file is written", () -> server.address() != null);
    }

    /** Stops the directory cleanly (the mixnet stays); {@link #startDirectory} starts it again. */
    public void stopDirectory() {
        DirectoryServer stopping = server;
        server = null;
        if (stopping != null) {
            stopping.close();
        }
    }

    public ServeConfig config() {
        Map<String, String> vars = new HashMap<>(settings);
        vars.putAll(Map.of(
                "WEBSOCKET_URL", mixnet.serviceUrl().toString(),
                "DATABASE_PATH", databasePath().toString(),
                "KEYS_DIR", dir.resolve("storage/keys").toString(),
                "SECRET_PATH", dir.resolve("secrets/encryption_password").toString(),
                "LOG_FILE_PATH", dir.resolve("storage/app.log").toString()));
        return ServeConfig.from(vars);
    }

    /** The directory's SQLite file; look into it only while the directory is stopped. */
    public Path databasePath() {
        return dir.resolve("storage/nym_server.db");
    }

    public LocalMixnet mixnet() {
        return mixnet;
    }

    public DirectoryServer server() {
        return server;
    }

    public NymAddress address() {
        return address;
    }

    /** A chat client with a stable nym address named {@code id}, connected and in text mode. */
    public ChatPeer peer(String id) {
        return ChatPeer.connect(mixnet.clientUrl(id), address, server.publicKeyPem());
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            mixnet.close();
        }
    }
}
