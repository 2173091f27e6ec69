package org.nymdir.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.nymdir.client.ClientConfig;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.nymdir.app.settings.ServeSettings;

/**
 * A directory on the local mixnet, both in this process, everything under one work folder: what the demo
 * runs, and what end-to-end tests start. Closes in reverse order (directory first, so its last replies
 * leave while the mixnet still carries them).
 */
public final class LocalDirectory implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final LocalMixnet sim;
    private final DirectoryServer directory;
    private final ServeConfig serveConfig;
    private final NymAddress address;
    private final ECPublicKey key;

    private LocalDirectory(LocalMixnet sim, DirectoryServer directory, ServeConfig serveConfig, NymAddress address,
                           ECPublicKey key) {
        this.sim = sim;
        this.directory = directory;
        this.serveConfig = serveConfig;
        this.address = address;
        this.key = key;
    }

    /** The local mixnet's defaults with OS-chosen ports, its state under {@code workDir/sim}. */
    public static SimConfig.Builder simDefaults(Path workDir) {
        return SimConfig.ephemeral(workDir.resolve("sim")).toBuilder();
    }

    /**
     * Starts the mixnet from {@code simConfig}, then a directory on SQLite under {@code workDir}, and waits
     * until the directory is connected.
     */
    public static LocalDirectory start(Path workDir, SimConfig simConfig) throws IOException, InterruptedException {
        return start(workDir, LocalMixnet.start(simConfig));
    }

    /**
     * Starts a directory on a running local mixnet, which the result then owns (and closes, also if the
     * directory fails to start).
     */
    public static LocalDirectory start(Path workDir, LocalMixnet sim) throws IOException, InterruptedException {
        return start(workDir, sim, Map.of());
    }

    /**
     * As {@link #start(Path, LocalMixnet)}, with more of {@code nymdir serve}'s variables (limits, mailbox
     * settings: {@code NYMDIR_LIMIT_SEND=off}, ...); the mixnet URL and the paths under {@code workDir} stay.
     */
    public static LocalDirectory start(Path workDir, LocalMixnet sim, Map<String, String> settings)
            throws IOException, InterruptedException {
        DirectoryServer directory = null;
        boolean started = false;
        try {
            ServeConfig config = serveConfig(workDir, sim, settings);
            writeSecret(config.secretPath());
            directory = DirectoryServer.start(config);
            NymAddress address = directory.awaitAddress(STARTUP);
            if (address == null) {
                throw new IOException("the directory did not connect to the local mixnet within " + STARTUP);
            }
            LocalDirectory local = new LocalDirectory(sim, directory, config, address, parseKey(directory));
            started = true;
            return local;
        } finally {
            if (!started) {
                if (directory != null) {
                    directory.close();
                }
                sim.close();
            }
        }
    }

    private static ECPublicKey parseKey(DirectoryServer directory) throws IOException {
        try {
            return PemKeys.parsePublicKey(directory.publicKeyPem());
        } catch (InvalidKeyMaterialException e) {
            throw new IOException("the directory published an unusable key", e);
        }
    }

    private static ServeConfig serveConfig(Path workDir, LocalMixnet sim, Map<String, String> settings) {
        Path dir = workDir.resolve("directory");
        Map<String, String> vars = new HashMap<>(settings);
        vars.putAll(Map.of(
                ServeSettings.WEBSOCKET_URL.name(), sim.serviceUrl().toString(),
                ServeSettings.DATABASE_PATH.name(), dir.resolve("nym_server.db").toString(),
                ServeSettings.KEYS_DIR.name(), dir.resolve("keys").toString(),
                ServeSettings.SECRET_PATH.name(), dir.resolve("secret").toString(),
                ServeSettings.LOG_FILE_PATH.name(), dir.resolve("app.log").toString(),
                ServeSettings.NYM_ADDRESS_FILE.name(), dir.resolve("nym_address.txt").toString()));
        return ServeConfig.from(vars);
    }

    /** Written beforehand so the directory does not warn that it had to invent one. */
    private static void writeSecret(Path secret) throws IOException {
        Files.createDirectories(secret.toAbsolutePath().getParent());
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

    public DirectoryServer directory() {
        return directory;
    }

    public ServeConfig serveConfig() {
        return serveConfig;
    }

    /** The directory's nym address (also in {@code serveConfig().nymAddressFile()}). */
    public NymAddress address() {
        return address;
    }

    /** The directory's public key (also in {@code serveConfig().publicKeyFile()}). */
    public ECPublicKey publicKey() {
        return key;
    }

    /** What a client of this directory needs: its address and key, nymCHAT's other settings. */
    public ClientConfig clientConfig() {
        return ClientConfig.of(address).withDirectoryKey(key);
    }

    @Override
    public void close() {
        try {
            directory.close();
        } finally {
            sim.close();
        }
    }
}
