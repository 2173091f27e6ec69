package org.nymdir.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.LongSupplier;
import org.nymdir.directory.Stores;
import org.nymdir.store.CachingPresence;
import org.nymdir.store.Presence;
import org.nymdir.store.PrivateFiles;
import org.nymdir.store.StoreAdmin;
import org.nymdir.store.postgres.PostgresAdmin;
import org.nymdir.store.postgres.NodeId;
import org.nymdir.store.postgres.PostgresDatabase;
import org.nymdir.store.postgres.PostgresMailbox;
import org.nymdir.store.postgres.PostgresPresence;
import org.nymdir.store.postgres.PostgresUserStore;
import org.nymdir.store.postgres.RelayWakeups;
import org.nymdir.store.sqlite.SqliteAdmin;
import org.nymdir.store.sqlite.SqliteConfig;
import org.nymdir.store.sqlite.SqliteDatabase;
import org.nymdir.store.sqlite.SqliteMailbox;
import org.nymdir.store.sqlite.SqlitePresence;
import org.nymdir.store.sqlite.SqliteUserStore;

/**
 * The stores a node runs on, opened from its configuration, and what closes them. SQLite: one node, one
 * file, presence cached in memory (this process is its only writer). PostgreSQL: one of possibly several
 * nodes on one database, identified by its node id; presence is read from the database every time, since
 * other nodes write it too.
 */
sealed interface StoreBackend extends AutoCloseable {

    Stores stores();

    /** The operator's view of the same database: blocks, deletes, totals, nodes, backup, ping. */
    StoreAdmin admin();

    /** For the log line that says which store this node runs on. */
    String description();

    @Override
    void close();

    /** SQLite at {@code DATABASE_PATH}, as the original. */
    record Sqlite(SqliteDatabase database, Stores stores, StoreAdmin admin) implements StoreBackend {
        @Override
        public String description() {
            return "sqlite " + database.config().path();
        }

        @Override
        public void close() {
            DirectoryServer.closeStores(stores);
            database.close();
        }
    }

    /** PostgreSQL at {@code NYMDIR_DATABASE_URL}, as node {@code nodeId}. */
    record Postgres(PostgresDatabase database, String nodeId, Stores stores, StoreAdmin admin,
                    RelayWakeups wakeups) implements StoreBackend {
        @Override
        public String description() {
            return "postgresql " + database.config().displayUrl() + ", node " + nodeId;
        }

        @Override
        public void close() {
            DirectoryServer.closeStores(stores);
            database.close();
        }
    }

    /**
     * Opens the configured store; on SQLite, presence is cached in up to {@code presenceCacheBytes}, and the
     * free-space floor reads {@code usableBytes} (null: the disk's). PostgreSQL has no floor here: its disk is
     * the database server's (the global mailbox byte cap still holds).
     */
    static StoreBackend open(ServeConfig config, long presenceCacheBytes, LongSupplier usableBytes)
            throws IOException {
        DatabaseSettings settings = config.database();
        if (settings.postgres().isEmpty()) {
            SqliteDatabase db = SqliteDatabase.open(
                    SqliteConfig.defaults(config.databasePath()).withFreeSpaceFloor(config.freeSpaceFloor()),
                    usableBytes);
            return new Sqlite(db, new Stores(new SqliteUserStore(db), new SqliteMailbox(db),
                    new CachingPresence(new SqlitePresence(db), Presence.DEFAULT_GRANULARITY,
                            presenceCacheBytes)), new SqliteAdmin(db));
        }
        String nodeId = settings.nodeId().orElse(null);
        if (nodeId == null) {
            nodeId = loadOrCreateNodeId(config.nodeIdFile());
        }
        PostgresDatabase db = PostgresDatabase.open(settings.postgres().get());
        RelayWakeups wakeups = new RelayWakeups(db, nodeId);
        Stores stores = new Stores(new PostgresUserStore(db, nodeId), new PostgresMailbox(db, nodeId,
                wakeups::notifyNode), new PostgresPresence(db));
        return new Postgres(db, nodeId, stores, new PostgresAdmin(db), wakeups);
    }

    /**
     * The store of a stopped node, for one admin command: SQLite with a small presence cache; PostgreSQL with
     * two connections, as the node's id if it is known (the command writes nothing a node id marks).
     */
    static StoreBackend openForAdmin(ServeConfig config) throws IOException {
        DatabaseSettings settings = config.database();
        if (settings.postgres().isEmpty()) {
            return open(config, 64 * 1024, null); // no floor: admin writes no mail
        }
        String nodeId = settings.nodeId().orElseGet(() -> Files.exists(config.nodeIdFile()) ? null : "admin");
        if (nodeId == null) {
            nodeId = loadOrCreateNodeId(config.nodeIdFile());
        }
        PostgresDatabase db = PostgresDatabase.open(settings.postgres().get().withPoolSize(2));
        Stores stores = new Stores(new PostgresUserStore(db, nodeId), new PostgresMailbox(db, nodeId),
                new PostgresPresence(db));
        return new Postgres(db, nodeId, stores, new PostgresAdmin(db), new RelayWakeups(db, nodeId));
    }

    /** The id this node made up on its first start, or a new one, kept for the next start. */
    static String loadOrCreateNodeId(Path file) throws IOException {
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                return NodeId.require(id);
            } catch (IllegalArgumentException e) {
                throw new IOException("the node id file " + file + " holds no node id: " + e.getMessage(), e);
            }
        }
        String id = NodeId.random();
        Path parent = file.toAbsolutePath().getParent();
        PrivateFiles.createFolders(parent); // the temp file below is 0600 already
        Path temp = Files.createTempFile(parent, ".node_id", ".tmp");
        Files.writeString(temp, id + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }
}
