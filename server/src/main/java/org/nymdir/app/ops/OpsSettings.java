package org.nymdir.app.ops;

import java.nio.file.Path;
import org.nymdir.app.settings.ServeSettings;
import org.nymdir.app.settings.Variables;

/**
 * The operations settings of {@code serve} and {@code admin} (declared in {@link ServeSettings}): log rotation,
 * where the stats port listens, the admin control endpoint's token file, and the one explicit permission to make
 * a new server key beside existing users.
 *
 * @param logMaxBytes       rotate the log file past this size; 0 = never (an outside logrotate + SIGHUP)
 * @param logKeep           rotated log files kept ({@code FILE.1} .. {@code FILE.N})
 * @param statsHost         the address the stats port listens on (loopback unless set)
 * @param adminTokenFile    where a running node writes its control endpoint's port and token (mode 0600)
 * @param allowNewServerKey whether a missing server key may be generated although the database has users
 */
public record OpsSettings(long logMaxBytes, int logKeep, String statsHost, Path adminTokenFile,
                          boolean allowNewServerKey) {

    /** From the settings as given; the token file defaults to {@code admin.token} in the database's folder. */
    public static OpsSettings from(Variables vars, Path databaseDir) {
        return new OpsSettings(vars.get(ServeSettings.LOG_MAX_SIZE), vars.get(ServeSettings.LOG_KEEP),
                vars.get(ServeSettings.STATS_HOST).strip(),
                vars.given(ServeSettings.ADMIN_TOKEN_FILE).orElse(databaseDir.resolve("admin.token")),
                vars.get(ServeSettings.NEW_SERVER_KEY));
    }
}
