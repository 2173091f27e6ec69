package org.nymdir.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.nymdir.directory.RelayPolicy;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.Rate;

/**
 * Everything {@code nymdir serve} needs, validated once at start. The variable names are the original
 * server's, so its {@code .env} works unchanged; every value has a default, so nothing is required.
 */
public record ServeConfig(String nymClientId, URI websocketUrl, Path databasePath, Path keysDir, Path secretPath,
                          Path logFilePath, Path nymAddressFile, int maxRequestBytes, int outboundQueue,
                          RelayPolicy relay, Map<Limit, Rate> rates, long freeSpaceFloor) {

    static final String NYM_CLIENT_ID = "NYM_CLIENT_ID";
    static final String WEBSOCKET_URL = "WEBSOCKET_URL";
    static final String DATABASE_PATH = "DATABASE_PATH";
    static final String KEYS_DIR = "KEYS_DIR";
    static final String SECRET_PATH = "SECRET_PATH";
    static final String LOG_FILE_PATH = "LOG_FILE_PATH";
    static final String NYM_ADDRESS_FILE = "NYM_ADDRESS_FILE";
    static final String MAX_REQUEST_BYTES = "NYMDIR_MAX_REQUEST_BYTES";
    static final String OUTBOUND_QUEUE = "NYMDIR_OUTBOUND_QUEUE";

    public ServeConfig {
        if (!nymClientId.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException(NYM_CLIENT_ID + " must be 1-64 of [A-Za-z0-9_.-] (it names key files)");
        }
        String scheme = websocketUrl.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException(WEBSOCKET_URL + " must be a ws:// or wss:// URL");
        }
        if (maxRequestBytes < 1024 || maxRequestBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException(MAX_REQUEST_BYTES + " must be between 1 KiB and 64 MiB");
        }
        if (outboundQueue < 1) {
            throw new IllegalArgumentException(OUTBOUND_QUEUE + " must be positive");
        }
        rates = Map.copyOf(rates);
        if (freeSpaceFloor < 0) {
            throw new IllegalArgumentException(Settings.FREE_SPACE_FLOOR + " must be >= 0 (0: no floor)");
        }
    }

    /** Builds the configuration from variables (environment with the .env overlay), applying defaults. */
    public static ServeConfig from(Map<String, String> vars) {
        String id = vars.getOrDefault(NYM_CLIENT_ID, "nym_server");
        Path db = Path.of(vars.getOrDefault(DATABASE_PATH, "storage/" + id + ".db"));
        Path dbDir = db.toAbsolutePath().getParent();
        return new ServeConfig(
                id,
                URI.create(vars.getOrDefault(WEBSOCKET_URL, "ws://127.0.0.1:1977")),
                db,
                Path.of(vars.getOrDefault(KEYS_DIR, "storage/keys")),
                Path.of(vars.getOrDefault(SECRET_PATH, "secrets/encryption_password")),
                Path.of(vars.getOrDefault(LOG_FILE_PATH, "storage/app.log")),
                Path.of(vars.getOrDefault(NYM_ADDRESS_FILE, dbDir.resolve("nym_address.txt").toString())),
                Settings.integer(vars, MAX_REQUEST_BYTES, 256 * 1024),
                Settings.integer(vars, OUTBOUND_QUEUE, 100_000),
                Settings.relayPolicy(vars),
                Settings.rates(vars),
                Settings.bytes(vars, Settings.FREE_SPACE_FLOOR, Settings.DEFAULT_FREE_SPACE_FLOOR));
    }

    /** Where the server's public key is published: {@code <KEYS_DIR>/<NYM_CLIENT_ID>_public_key.pem}. */
    public Path publicKeyFile() {
        return keysDir.resolve(nymClientId + "_public_key.pem");
    }
}
