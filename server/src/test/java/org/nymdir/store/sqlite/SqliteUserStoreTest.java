package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.store.UserStoreContract;
import org.nymdir.testing.Race;

class SqliteUserStoreTest extends UserStoreContract {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("nym_server.db");
    }

    @Override
    protected UserStore openStore() {
        return SqliteUserStore.open(file());
    }

    /** Rows as the original writes them: into users alone. */
    @Override
    protected UserStore reopenWithOriginalRows(List<UserRecord> rows) {
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO users (username, publicKey, senderTag) VALUES (?, ?, ?)")) {
            for (UserRecord r : rows) {
                insert.setString(1, r.username());
                insert.setString(2, r.publicKeyPem());
                insert.setString(3, r.senderTag());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return openStore();
    }

    @Test
    void committedWritesSurviveCloseAndReopen() {
        store.insertUser(user("alice"));
        store.insertUser(user("bob"));
        store.updateSenderTag("bob", "bob-new-tag");
        store.close();
        try (SqliteUserStore reopened = SqliteUserStore.open(file())) {
            assertThat(reopened.findUser("alice")).contains(user("alice"));
            assertThat(tagOf(reopened, "bob")).contains("bob-new-tag");
            assertThat(reopened.countUsers()).isEqualTo(2);
            assertThat(reopened.database().schema().from()).as("no second migration")
                    .isEqualTo(Migrations.latest(Migrations.SQLITE));
        }
    }

    @Test
    void twoStoresOnOneFileShareItWithoutCorruption() throws Exception {
        store.close();
        SqliteConfig config = SqliteConfig.defaults(file()).withBusyTimeout(Duration.ofSeconds(30));
        try (SqliteUserStore a = SqliteUserStore.open(config); SqliteUserStore b = SqliteUserStore.open(config)) {
            AtomicInteger sharedWins = new AtomicInteger();
            Race.run(8, id -> {
                SqliteUserStore s = id % 2 == 0 ? a : b;
                for (int i = 0; i < 50; i++) {
                    s.insertUser(new UserRecord("t" + id + "-" + i, "k", "tag"));
                    if (s.insertUser(new UserRecord("shared" + i, "k" + id, "tag"))) {
                        sharedWins.incrementAndGet();
                    }
                    s.updateSenderTag("shared" + i, "tag" + id);
                }
            });
            assertThat(sharedWins.get()).as("one winner per shared name across both stores").isEqualTo(50);
            assertThat(a.countUsers()).isEqualTo(8 * 50 + 50);
            assertThat(b.countUsers()).isEqualTo(8 * 50 + 50);
            b.insertUser(user("late"));
            assertThat(a.findUser("late")).as("a sees b's committed write").contains(user("late"));
        }
        assertThat(query("PRAGMA integrity_check")).isEqualTo("ok");
    }

    @Test
    void createsMissingParentDirectories() {
        Path deep = dir.resolve("a/b/c/nym_server.db");
        try (SqliteUserStore s = SqliteUserStore.open(deep)) {
            s.insertUser(user("alice"));
        }
        assertThat(deep).exists();
    }

    @Test
    void connectionsRunWithWalTheChosenSyncLevelAndTimeouts() {
        store.close();
        SqliteConfig config = SqliteConfig.defaults(file()).withSynchronous(SqliteConfig.Synchronous.NORMAL)
                .withBusyTimeout(Duration.ofMillis(1234));
        try (SqliteUserStore s = SqliteUserStore.open(config)) {
            SqliteDatabase db = s.database();
            assertThat(db.<String>write(c -> c.queryString("PRAGMA journal_mode"))).isEqualTo("wal");
            assertThat(db.<Long>write(c -> c.queryLong("PRAGMA synchronous"))).isEqualTo(1L); // NORMAL
            assertThat(db.<Long>read(c -> c.queryLong("PRAGMA synchronous"))).isEqualTo(1L);
            assertThat(db.<Long>write(c -> c.queryLong("PRAGMA busy_timeout"))).isEqualTo(1234L);
            assertThat(db.<Long>read(c -> c.queryLong("PRAGMA foreign_keys"))).isEqualTo(1L);
            assertThat(db.<Long>read(c -> c.queryLong("PRAGMA query_only"))).isEqualTo(1L);
        }
        try (SqliteUserStore s = SqliteUserStore.open(file())) {
            assertThat(s.database().<Long>write(c -> c.queryLong("PRAGMA synchronous"))).as("FULL by default")
                    .isEqualTo(2L);
        }
    }

    @Test
    void unchangedTagNeedsNoWriteTransaction() {
        SqliteUserStore s = (SqliteUserStore) store;
        s.insertUser(user("alice"));
        long before = s.database().writeStats().transactions();
        assertThat(s.updateSenderTag("alice", user("alice").senderTag())).isTrue();
        assertThat(s.updateSenderTag("nobody", "x")).isFalse();
        assertThat(s.database().writeStats().transactions()).isEqualTo(before);
        assertThat(s.updateSenderTag("alice", "changed")).isTrue();
        assertThat(s.database().writeStats().transactions()).isEqualTo(before + 1);
    }

    @Test
    void aUsersTableWithoutTheOriginalColumnsIsRefusedUntouched() throws SQLException {
        store.close();
        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
        }
        assertThatThrownBy(() -> SqliteUserStore.open(other)).isInstanceOf(StoreException.class)
                .hasMessageContaining("publicKey");
    }

    @Test
    void aFileThatIsNotADatabaseIsAStoreExceptionNotACrash() throws Exception {
        store.close();
        Path junk = dir.resolve("junk.db");
        Files.write(junk, "this is not a database, just some text that is long enough".repeat(100).getBytes());
        assertThatThrownBy(() -> SqliteUserStore.open(junk)).isInstanceOf(StoreException.class);
        assertThat(Files.readString(junk)).startsWith("this is not a database");
    }

    @Test
    void configIsValidated() {
        SqliteConfig ok = SqliteConfig.defaults(file());
        assertThatThrownBy(() -> ok.withReadConnections(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withMaxBatch(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withQueueCapacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withBusyTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqliteConfig.defaults(Path.of(":memory:")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
