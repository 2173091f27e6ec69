package org.nymdir.app;

import static org.nymdir.app.settings.ServeSettings.CRYPTO_PROVIDER;
import static org.nymdir.app.settings.ServeSettings.DATABASE_PATH;
import static org.nymdir.app.settings.ServeSettings.FREE_SPACE_FLOOR;
import static org.nymdir.app.settings.ServeSettings.KEYS_DIR;
import static org.nymdir.app.settings.ServeSettings.LOG_FILE_PATH;
import static org.nymdir.app.settings.ServeSettings.MAILBOX_CAP_BYTES;
import static org.nymdir.app.settings.ServeSettings.MAILBOX_QUOTA;
import static org.nymdir.app.settings.ServeSettings.MAILBOX_QUOTA_BYTES;
import static org.nymdir.app.settings.ServeSettings.MAILBOX_TTL;
import static org.nymdir.app.settings.ServeSettings.MAX_REQUEST_BYTES;
import static org.nymdir.app.settings.ServeSettings.NYM_ADDRESS_FILE;
import static org.nymdir.app.settings.ServeSettings.NYM_CLIENT_ID;
import static org.nymdir.app.settings.ServeSettings.OUTBOUND_QUEUE;
import static org.nymdir.app.settings.ServeSettings.QUEUED_PER_SENDER;
import static org.nymdir.app.settings.ServeSettings.REQUEST_WORKERS;
import static org.nymdir.app.settings.ServeSettings.SECRET_PATH;
import static org.nymdir.app.settings.ServeSettings.SENDER_QUOTA_BYTES;
import static org.nymdir.app.settings.ServeSettings.STATS_PORT;
import static org.nymdir.app.settings.ServeSettings.STRANGER_SHARE;
import static org.nymdir.app.settings.ServeSettings.TAG_FRESHNESS;
import static org.nymdir.app.settings.ServeSettings.WEBSOCKET_URL;

import ch.qos.logback.classic.Level;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.nymdir.app.ops.OpsSettings;
import org.nymdir.app.settings.Variables;
import org.nymdir.crypto.EcdsaProvider;
import org.nymdir.directory.NamePolicy;
import org.nymdir.directory.RelayPolicy;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.Rate;
import org.nymdir.app.settings.LogSettings;
import org.nymdir.app.settings.ServeSettings;

/**
 * Everything {@code nymdir serve} needs, validated once at start, immutable. Each field is a setting of
 * {@link ServeSettings} (where its variable, flag, default and meaning are declared).
 *
 * @param cryptoProvider the ECDSA provider; when {@code NYMDIR_CRYPTO_PROVIDER} is not given, the JVM's
 *                       default ({@link EcdsaProvider#defaultPreference()}: auto, unless a test or benchmark
 *                       chose otherwise with {@code -D}{@value EcdsaProvider#PROPERTY})
 * @param statsPort      where {@code GET /stats} listens on 127.0.0.1; empty: nowhere
 * @param logLevel       the root log level if one was given; empty: the logging configuration's
 * @param lanes          how requests are scheduled (workers, requests queued per sender tag)
 * @param ops            log rotation, stats host, admin token file, new-key permission
 * @param freeSpaceFloor free bytes new mail must leave on the SQLite database's file system (0: none;
 *                       not applied on PostgreSQL, whose disk is the database server's)
 * @param names          registration puzzles, quarantine, expiry and membership hiding
 */
public record ServeConfig(String nymClientId, URI websocketUrl, Path databasePath, Path keysDir, Path secretPath,
                          Path logFilePath, Path nymAddressFile, int maxRequestBytes, int outboundQueue,
                          RelayPolicy relay, Map<Limit, Rate> rates, EcdsaProvider.Preference cryptoProvider,
                          OptionalInt statsPort, Optional<Level> logLevel,
                          DatabaseSettings database, SerialLanes.Bounds lanes, OpsSettings ops,
                          long freeSpaceFloor, NamePolicy names) {

    public ServeConfig {
        Objects.requireNonNull(nymClientId, "nymClientId");
        Objects.requireNonNull(websocketUrl, "websocketUrl");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(cryptoProvider, "cryptoProvider");
        Objects.requireNonNull(statsPort, "statsPort");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(names, "names");
        rates = Map.copyOf(rates);
        if (freeSpaceFloor < 0) {
            throw new IllegalArgumentException("freeSpaceFloor must be >= 0, got " + freeSpaceFloor);
        }
    }

    /** From {@code NAME=text} pairs (tests, tools); defaults for the rest. */
    public static ServeConfig from(Map<String, String> vars) {
        return from(Variables.of(vars, "given"));
    }

    /** From the settings as given (environment, .env, flags), with defaults for the rest. */
    public static ServeConfig from(Variables vars) {
        String id = vars.get(NYM_CLIENT_ID);
        Path db = vars.given(DATABASE_PATH).orElse(Path.of("storage/" + id + ".db"));
        RelayPolicy defaults = RelayPolicy.defaults();
        Map<Limit, Rate> rates = new EnumMap<>(Limit.class);
        ServeSettings.LIMITS.forEach((limit, setting) -> vars.get(setting).ifPresent(r -> rates.put(limit, r)));
        return new ServeConfig(
                id,
                vars.get(WEBSOCKET_URL),
                db,
                vars.get(KEYS_DIR),
                vars.get(SECRET_PATH),
                vars.get(LOG_FILE_PATH),
                vars.given(NYM_ADDRESS_FILE).orElse(db.toAbsolutePath().getParent().resolve("nym_address.txt")),
                vars.get(MAX_REQUEST_BYTES),
                vars.get(OUTBOUND_QUEUE),
                new RelayPolicy(vars.get(MAILBOX_TTL), vars.get(TAG_FRESHNESS), vars.get(MAILBOX_QUOTA),
                        defaults.flushBatch(), vars.get(MAILBOX_QUOTA_BYTES), vars.get(STRANGER_SHARE),
                        vars.get(SENDER_QUOTA_BYTES), vars.get(MAILBOX_CAP_BYTES), defaults.correspondentTtl()),
                rates,
                vars.given(CRYPTO_PROVIDER).orElseGet(EcdsaProvider::defaultPreference),
                vars.given(STATS_PORT).map(OptionalInt::of).orElse(OptionalInt.empty()),
                vars.given(LogSettings.LEVEL),
                DatabaseSettings.from(vars),
                new SerialLanes.Bounds(vars.get(REQUEST_WORKERS), vars.get(QUEUED_PER_SENDER)),
                OpsSettings.from(vars, db.toAbsolutePath().getParent()),
                vars.get(FREE_SPACE_FLOOR),
                names(vars));
    }

    private static NamePolicy names(Variables vars) {
        int bits = vars.get(ServeSettings.REGISTER_WORK);
        // a resting difficulty above the default ceiling raises the ceiling with it
        int max = Math.max(bits, vars.get(ServeSettings.REGISTER_WORK_MAX));
        return new NamePolicy(bits, max, vars.get(ServeSettings.NAME_QUARANTINE), vars.get(ServeSettings.NAME_EXPIRY),
                vars.get(ServeSettings.HIDE_MEMBERSHIP));
    }

    /** Where the server's encrypted private key is: {@code <KEYS_DIR>/<NYM_CLIENT_ID>_private_key.enc}. */
    public Path privateKeyFile() {
        return keysDir.resolve(nymClientId + "_private_key.enc");
    }

    /** Where a node on PostgreSQL keeps the id it made up (without {@code NYMDIR_NODE_ID}): beside its address. */
    public Path nodeIdFile() {
        return nymAddressFile.toAbsolutePath().resolveSibling("node_id");
    }

    /** Where the server's public key is published: {@code <KEYS_DIR>/<NYM_CLIENT_ID>_public_key.pem}. */
    public Path publicKeyFile() {
        return keysDir.resolve(nymClientId + "_public_key.pem");
    }
}
