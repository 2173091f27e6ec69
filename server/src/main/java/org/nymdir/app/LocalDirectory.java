package org.nymdir.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.nymdir.app.settings.ServeSettings;
import org.nymdir.client.ClientConfig;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;

/**
 * A local mixnet and a directory on it, both in this process, on loopback ports the system chooses and files
 * under one work folder: the whole system as a chat client sees it. What {@code nymdir demo} and
 * {@code nymdir soak} run, and what tests start (through {@code LocalDirectoryExtension}).
 *
 * <pre>{@code
 * try (LocalDirectory local = LocalDirectory.builder(workDir).sim(b -> b.faults(faults)).start()) {
 *     NymdirClient alice = NymdirClient.connect(local.sim().clientUrl("alice"), local.clientConfig(), ...);
 *     local.stopDirectory();   // like an operator restarting it: same database, keys and nym-client
 *     local.startDirectory();
 * }
 * }</pre>
 *
 * The directory's files are laid out as the original's ({@link DirectoryFiles} under the work folder), the
 * mixnet's state is in {@code sim/} beside them. Closing stops the directory first, so its last replies
 * leave while the mixnet still carries them, then the mixnet. Thread-safe.
 */
public final class LocalDirectory implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final LocalMixnet sim;
    private final DirectoryFiles files;
    private final ServeConfig serveConfig;
    private final Clock clock;
    private final LongSupplier freeSpace; // null: the disk's
    private volatile DirectoryServer directory;
    private volatile NymAddress address;
    private volatile ECPublicKey key;

    private LocalDirectory(LocalMixnet sim, DirectoryFiles files, ServeConfig serveConfig, Clock clock,
                           LongSupplier freeSpace) {
        this.sim = sim;
        this.freeSpace = freeSpace;
        this.files = files;
        this.serveConfig = serveConfig;
        this.clock = clock;
    }

    /** A local system under {@code workDir}: nym-client's realistic SURB accounting, no faults, real time. */
    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** How to start a {@link LocalDirectory}. */
    public static final class Builder {
        private final Path workDir;
        private UnaryOperator<SimConfig.Builder> sim = UnaryOperator.identity();
        private final Map<String, String> settings = new HashMap<>();
        private Clock clock = Clock.systemUTC();
        private LongSupplier freeSpace;

        private Builder(Path workDir) {
            this.workDir = Objects.requireNonNull(workDir, "workDir");
        }

        /** Any mixnet setting (faults, seed, SURB accounting...) over OS-chosen ports and state in {@code sim/}. */
        public Builder sim(UnaryOperator<SimConfig.Builder> settings) {
            UnaryOperator<SimConfig.Builder> before = sim;
            sim = b -> settings.apply(before.apply(b));
            return this;
        }

        /**
         * More of {@code nymdir serve}'s variables, as an operator puts them in the environment or {@code .env}
         * ({@code NYMDIR_LIMIT_SEND=off}, {@code NYMDIR_TAG_FRESHNESS=2s}...); they apply to every start. The
         * mixnet URL and the file layout stay the harness's.
         */
        public Builder settings(Map<String, String> variables) {
            settings.putAll(variables);
            return this;
        }

        /** Where the directory reads the time (a test's clock, moved by the test); the system's by default. */
        public Builder clock(Clock c) {
            clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** What the directory's free-space floor reads as the free bytes of its disk (a test's seam). */
        public Builder freeSpace(LongSupplier usableBytes) {
            freeSpace = Objects.requireNonNull(usableBytes, "usableBytes");
            return this;
        }

        /** Starts the mixnet and the directory, and waits until the directory is connected and published. */
        public LocalDirectory start() throws IOException, InterruptedException {
            LocalDirectory local = startMixnet();
            try {
                local.startDirectory();
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                local.close();
                throw e;
            }
            return local;
        }

        /** Starts only the mixnet (and lays out the folders); {@link #startDirectory()} starts the directory. */
        public LocalDirectory startMixnet() throws IOException {
            SimConfig simConfig = sim.apply(SimConfig.ephemeral(workDir.resolve("sim")).toBuilder()).build();
            DirectoryFiles files = new DirectoryFiles(workDir);
            LocalMixnet mixnet = LocalMixnet.start(simConfig);
            try {
                Map<String, String> vars = new HashMap<>(settings);
                vars.putAll(files.variables());
                vars.put(ServeSettings.WEBSOCKET_URL.name(), mixnet.serviceUrl().toString());
                return new LocalDirectory(mixnet, files, ServeConfig.from(vars), clock, freeSpace);
            } catch (RuntimeException e) {
                mixnet.close();
                throw e;
            }
        }
    }

    /**
     * Starts the directory (again) on the same database, keys and nym-client, and waits until it is connected
     * and its address is in the address file.
     *
     * @throws IllegalStateException if it runs already
     */
    public synchronized void startDirectory() throws IOException, InterruptedException {
        if (directory != null) {
            throw new IllegalStateException("the directory runs already");
        }
        writeSecretIfAbsent(files.secret());
        DirectoryServer started = DirectoryServer.start(serveConfig, clock, freeSpace);
        try {
            NymAddress published = started.awaitPublishedAddress(STARTUP);
            if (published == null) {
                throw new IOException("the directory did not connect to the local mixnet and publish its address"
                        + " within " + STARTUP);
            }
            key = parseKey(started);
            address = published;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            started.close();
            throw e;
        }
        directory = started;
    }

    /** Stops the directory cleanly, as {@code nymdir serve} stops on SIGTERM; the mixnet stays. */
    public synchronized void stopDirectory() {
        DirectoryServer stopping = directory;
        directory = null;
        if (stopping != null) {
            stopping.close();
        }
    }

    private static ECPublicKey parseKey(DirectoryServer directory) throws IOException {
        try {
            return PemKeys.parsePublicKey(directory.publicKeyPem());
        } catch (InvalidKeyMaterialException e) {
            throw new IOException("the directory published an unusable key", e);
        }
    }

    /** Written before the first start so the directory does not warn that it had to invent one. */
    private static void writeSecretIfAbsent(Path secret) throws IOException {
        if (Files.exists(secret)) {
            return; // the operator's, or the last start's
        }
        Files.createDirectories(secret.getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.writeString(secret, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
        if (secret.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        }
    }

    public LocalMixnet sim() {
        return sim;
    }

    /**
     * The running directory.
     *
     * @throws IllegalStateException while it is stopped
     */
    public DirectoryServer directory() {
        DirectoryServer running = directory;
        if (running == null) {
            throw new IllegalStateException("the directory is stopped");
        }
        return running;
    }

    /** Whether the directory runs (it does from {@link #startDirectory()} to {@link #stopDirectory()}). */
    public boolean directoryRuns() {
        return directory != null;
    }

    /** Where the directory's files are; look into its database only while it is stopped. */
    public DirectoryFiles files() {
        return files;
    }

    /** The configuration every start of the directory uses. */
    public ServeConfig serveConfig() {
        return serveConfig;
    }

    /** The directory's nym address (also in {@code files().addressFile()}); it stays the same across restarts. */
    public NymAddress address() {
        return started(address);
    }

    /** The directory's public key (also in {@code files().publicKeyFile()}); it stays the same across restarts. */
    public ECPublicKey publicKey() {
        return started(key);
    }

    /** What a client of this directory needs: its address and key, nymCHAT's other settings. */
    public ClientConfig clientConfig() {
        return ClientConfig.of(address()).withDirectoryKey(publicKey());
    }

    private static <T> T started(T value) {
        if (value == null) {
            throw new IllegalStateException("the directory has not started yet");
        }
        return value;
    }

    @Override
    public void close() {
        try {
            stopDirectory();
        } finally {
            sim.close();
        }
    }
}
