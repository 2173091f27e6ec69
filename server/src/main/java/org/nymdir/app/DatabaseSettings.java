package org.nymdir.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.nymdir.store.postgres.NodeId;
import org.nymdir.store.postgres.PostgresConfig;

/**
 * Which store a node runs on: PostgreSQL when {@code NYMDIR_DATABASE_URL} names one (the engine for more than
 * one node), else SQLite at {@code DATABASE_PATH}, as before. {@code NYMDIR_NODE_ID} names the node on a
 * shared database; unset, the node makes one up on its first start and keeps it in {@code nodeIdFile}, so
 * two nodes never share an id and one node keeps its own across restarts (its users' tags stay its own).
 */
public record DatabaseSettings(Optional<PostgresConfig> postgres, Optional<String> nodeId, Duration pollEvery) {

    static final String DATABASE_URL = "NYMDIR_DATABASE_URL";
    static final String DATABASE_PASSWORD_FILE = "NYMDIR_DATABASE_PASSWORD_FILE";
    static final String NODE_ID = "NYMDIR_NODE_ID";
    /** How often a node on PostgreSQL looks for mail other nodes took in for its users (NOTIFY is faster). */
    static final String NODE_POLL = "NYMDIR_NODE_POLL";
    static final Duration DEFAULT_POLL = Duration.ofSeconds(2);
    /** Connections this node keeps to PostgreSQL at most (one more listens for NOTIFY). */
    static final String DATABASE_POOL = "NYMDIR_DATABASE_POOL";

    public DatabaseSettings {
        if (pollEvery.compareTo(Duration.ofMillis(50)) < 0 || pollEvery.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(NODE_POLL + " must be 50ms..10m");
        }
    }

    static DatabaseSettings from(Map<String, String> vars) {
        Optional<String> nodeId = Optional.ofNullable(vars.get(NODE_ID)).map(String::strip).filter(s -> !s.isEmpty());
        try {
            nodeId.ifPresent(NodeId::require);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NODE_ID + ": " + e.getMessage(), e);
        }
        Duration poll = Settings.duration(vars, NODE_POLL, DEFAULT_POLL);
        String url = Optional.ofNullable(vars.get(DATABASE_URL)).map(String::strip).orElse("");
        Optional<Path> passwordFile = Optional.ofNullable(vars.get(DATABASE_PASSWORD_FILE)).map(String::strip)
                .filter(s -> !s.isEmpty()).map(Path::of);
        if (url.isEmpty()) {
            if (passwordFile.isPresent()) {
                throw new IllegalArgumentException(DATABASE_PASSWORD_FILE + " is set but " + DATABASE_URL + " is not");
            }
            return new DatabaseSettings(Optional.empty(), nodeId, poll);
        }
        try {
            int pool = Settings.integer(vars, DATABASE_POOL, PostgresConfig.DEFAULT_POOL_SIZE);
            return new DatabaseSettings(Optional.of(PostgresConfig.fromUrl(url, passwordFile).withPoolSize(pool)),
                    nodeId, poll);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DATABASE_URL + ": " + e.getMessage(), e);
        }
    }
}
