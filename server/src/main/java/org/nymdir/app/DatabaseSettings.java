package org.nymdir.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.nymdir.app.settings.ServeSettings;
import org.nymdir.app.settings.SettingException;
import org.nymdir.app.settings.Variables;
import org.nymdir.store.postgres.PostgresConfig;

/**
 * Which store a node runs on: PostgreSQL when {@code NYMDIR_DATABASE_URL} names one (the engine for more than
 * one node), else SQLite at {@code DATABASE_PATH}, as before. {@code NYMDIR_NODE_ID} names the node on a
 * shared database; unset, the node makes one up on its first start and keeps it in
 * {@link ServeConfig#nodeIdFile()}, so two nodes never share an id and one node keeps its own across
 * restarts (its users' tags stay its own). The settings are declared in {@link ServeSettings}.
 */
public record DatabaseSettings(Optional<PostgresConfig> postgres, Optional<String> nodeId, Duration pollEvery) {

    public DatabaseSettings {
        if (pollEvery.compareTo(Duration.ofMillis(50)) < 0 || pollEvery.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new SettingException(ServeSettings.NODE_POLL.name(), ServeSettings.NODE_POLL.name()
                    + " must be 50ms..10m");
        }
    }

    static DatabaseSettings from(Variables vars) {
        Optional<String> nodeId = vars.given(ServeSettings.NODE_ID);
        Duration poll = vars.get(ServeSettings.NODE_POLL);
        String url = vars.given(ServeSettings.DATABASE_URL).map(String::strip).orElse("");
        Optional<Path> passwordFile = vars.given(ServeSettings.DATABASE_PASSWORD_FILE);
        if (url.isEmpty()) {
            if (passwordFile.isPresent()) {
                throw new SettingException(ServeSettings.DATABASE_PASSWORD_FILE.name(),
                        ServeSettings.DATABASE_PASSWORD_FILE.name() + " is set but NYMDIR_DATABASE_URL is not");
            }
            return new DatabaseSettings(Optional.empty(), nodeId, poll);
        }
        try {
            PostgresConfig config = PostgresConfig.fromUrl(url, passwordFile)
                    .withPoolSize(vars.get(ServeSettings.DATABASE_POOL));
            return new DatabaseSettings(Optional.of(config), nodeId, poll);
        } catch (IllegalArgumentException e) {
            throw new SettingException(ServeSettings.DATABASE_URL.name(), ServeSettings.DATABASE_URL.name() + ": "
                    + e.getMessage());
        }
    }
}
