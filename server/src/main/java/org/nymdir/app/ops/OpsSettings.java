package org.nymdir.app.ops;

import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.Map;

/**
 * The operations settings of {@code serve} and {@code admin}: log rotation, the stats port, the admin control
 * endpoint's token file, and the one explicit permission to make a new server key beside existing users.
 *
 * @param logMaxBytes      rotate the log file past this size; 0 = never (an outside logrotate + SIGHUP)
 * @param logKeep          rotated log files kept ({@code FILE.1} .. {@code FILE.N})
 * @param statsPort        port of {@code /health/*}, {@code /metrics} and {@code /stats}; null = not served
 * @param statsHost        the address it listens on (loopback unless set)
 * @param adminTokenFile   where a running node writes its control endpoint's port and token (mode 0600)
 * @param allowNewServerKey whether a missing server key may be generated although the database has users
 */
public record OpsSettings(long logMaxBytes, int logKeep, Integer statsPort, String statsHost, Path adminTokenFile,
                          boolean allowNewServerKey) {
    public static final String LOG_MAX_SIZE = "NYMDIR_LOG_MAX_SIZE";
    public static final String LOG_KEEP = "NYMDIR_LOG_KEEP";
    public static final String STATS_PORT = "NYMDIR_STATS_PORT";
    public static final String STATS_HOST = "NYMDIR_STATS_HOST";
    public static final String ADMIN_TOKEN_FILE = "NYMDIR_ADMIN_TOKEN_FILE";
    public static final String NEW_SERVER_KEY = "NYMDIR_NEW_SERVER_KEY";

    public OpsSettings {
        if (logKeep < 1 || logKeep > 100) {
            throw new IllegalArgumentException(LOG_KEEP + " must be between 1 and 100");
        }
        if (statsPort != null && (statsPort < 0 || statsPort > 65535)) {
            throw new IllegalArgumentException(STATS_PORT + " must be a port number (0 = any free port)");
        }
    }

    /** From variables; the token file defaults to {@code admin.token} in the database's folder. */
    public static OpsSettings from(Map<String, String> vars, Path databaseDir) {
        return new OpsSettings(size(vars.getOrDefault(LOG_MAX_SIZE, "100MB")),
                integer(vars, LOG_KEEP, 5),
                vars.containsKey(STATS_PORT) ? integer(vars, STATS_PORT, 0) : null,
                vars.getOrDefault(STATS_HOST, "127.0.0.1").strip(),
                Path.of(vars.getOrDefault(ADMIN_TOKEN_FILE, databaseDir.resolve("admin.token").toString())),
                bool(vars.getOrDefault(NEW_SERVER_KEY, "false")));
    }

    private static long size(String value) {
        if (value.strip().equalsIgnoreCase("off")) {
            return 0;
        }
        try {
            return FileSize.valueOf(value.strip()).getSize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LOG_MAX_SIZE + " must be a size such as 100MB or 1GB, or off", e);
        }
    }

    private static int integer(Map<String, String> vars, String name, int fallback) {
        String value = vars.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number", e);
        }
    }

    private static boolean bool(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new IllegalArgumentException(NEW_SERVER_KEY + " must be true or false");
        };
    }
}
