package org.nymdir.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The configuration flags of {@code serve}, shared by {@code admin} so that both see the same node: the same
 * environment, the same {@code .env}, the same flags.
 */
final class ServeOptions {
    @Option(names = "--nym-client-id", description = "NYM_CLIENT_ID: names the key files (default nym_server)")
    String nymClientId;
    @Option(names = "--websocket-url", description = "WEBSOCKET_URL: our nym-client (default ws://127.0.0.1:1977)")
    URI websocketUrl;
    @Option(names = "--database", description = "DATABASE_PATH (default storage/<id>.db)")
    Path database;
    @Option(names = "--keys-dir", description = "KEYS_DIR (default storage/keys)")
    Path keysDir;
    @Option(names = "--secret-path", description = "SECRET_PATH: password of the key (default secrets/encryption_password)")
    Path secretPath;
    @Option(names = "--log-file", description = "LOG_FILE_PATH (default storage/app.log)")
    Path logFile;
    @Option(names = "--address-file", description = "NYM_ADDRESS_FILE (default nym_address.txt beside the database)")
    Path addressFile;
    @Option(names = "--max-request-bytes", description = "NYMDIR_MAX_REQUEST_BYTES (default 262144)")
    Integer maxRequestBytes;
    @Option(names = "--env-file", description = "the .env file to read (default ./.env)")
    Path envFile = Path.of(".env");

    /** Environment, overlaid with the .env file (as the original did), then with the flags given. */
    Map<String, String> variables() throws IOException {
        Map<String, String> vars = new HashMap<>(DotEnv.overlay(System.getenv(), envFile));
        put(vars, ServeConfig.NYM_CLIENT_ID, nymClientId);
        put(vars, ServeConfig.WEBSOCKET_URL, websocketUrl);
        put(vars, ServeConfig.DATABASE_PATH, database);
        put(vars, ServeConfig.KEYS_DIR, keysDir);
        put(vars, ServeConfig.SECRET_PATH, secretPath);
        put(vars, ServeConfig.LOG_FILE_PATH, logFile);
        put(vars, ServeConfig.NYM_ADDRESS_FILE, addressFile);
        put(vars, ServeConfig.MAX_REQUEST_BYTES, maxRequestBytes);
        return vars;
    }

    static void put(Map<String, String> vars, String name, Object flag) {
        if (flag != null) {
            vars.put(name, flag.toString());
        }
    }
}
