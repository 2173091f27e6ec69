package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.UserRecord;

/**
 * Drop-in: a database file made the way the original Python server makes it (its DDL text as it sends it,
 * its inserts, Python's sqlite3 defaults: rollback journal, no user_version) opens unchanged, keeps its rows
 * and its {@code groups} table, takes our writes, and stays readable the original's way afterwards.
 */
class OriginalDatabaseTest {

    private static final UserRecord ALICE = OriginalDatabase.ALICE;
    private static final UserRecord BOB = OriginalDatabase.BOB;
    private static final UserRecord CAROL = OriginalDatabase.CAROL;

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void buildTheOriginalsDatabase() throws SQLException {
        file = dir.resolve("nym_server.db");
        OriginalDatabase.create(file);
        assertThat(scalar("PRAGMA journal_mode")).isEqualTo("delete");
        assertThat(scalar("PRAGMA user_version")).isEqualTo("0");
    }

    @Test
    void opensUnchangedReadsWritesAndReopens() throws SQLException {
        String usersSql = scalar("SELECT sql FROM sqlite_master WHERE name = 'users'");
        String groupsSql = scalar("SELECT sql FROM sqlite_master WHERE name = 'groups'");

        try (SqliteUserStore store = SqliteUserStore.open(file)) {
            assertThat(store.database().schema())
                    .isEqualTo(new Migrations.Applied(0, Migrations.latest(Migrations.SQLITE)));
            assertThat(store.countUsers()).isEqualTo(3);
            assertThat(store.findUser("alice")).contains(ALICE);
            assertThat(store.findUser("carol_99")).contains(CAROL);
            assertThat(store.insertUser(new UserRecord("bob", "k", "t"))).isFalse();
            assertThat(store.insertUser(new UserRecord("dave", "dave-key", "dave-tag"))).isTrue();
            assertThat(store.updateSenderTag("alice", "aliceNewTag")).isTrue();
        }

        assertThat(scalar("SELECT sql FROM sqlite_master WHERE name = 'users'")).as("users not rebuilt")
                .isEqualTo(usersSql);
        assertThat(scalar("SELECT sql FROM sqlite_master WHERE name = 'groups'")).isEqualTo(groupsSql);
        assertThat(scalar("SELECT userList FROM groups WHERE groupID = 'g1'")).isEqualTo("[\"alice\", \"bob\"]");
        assertThat(scalar("PRAGMA user_version")).isEqualTo(String.valueOf(Migrations.latest(Migrations.SQLITE)));
        assertThat(scalar("PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(scalar("PRAGMA integrity_check")).isEqualTo("ok");
        // the original reads rows with SELECT * and indexes them by position
        assertThat(originalGetUser("dave")).containsExactly("dave", "dave-key", "dave-tag");
        assertThat(originalGetUser("alice")).containsExactly("alice", ALICE.publicKeyPem(), "aliceNewTag");

        // the operator switches back to the original for a while, then to us again
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO users (username, publicKey, senderTag) VALUES ('eve', 'ek', 'et')");
        }
        try (SqliteUserStore store = SqliteUserStore.open(file)) {
            int latest = Migrations.latest(Migrations.SQLITE);
            assertThat(store.database().schema()).isEqualTo(new Migrations.Applied(latest, latest));
            assertThat(store.countUsers()).isEqualTo(5);
            assertThat(store.findUser("eve")).contains(new UserRecord("eve", "ek", "et"));
            assertThat(store.findUser("alice").map(UserRecord::senderTag)).contains("aliceNewTag");
            assertThat(store.findUser("bob")).contains(BOB);
        }
    }

    private List<String> originalGetUser(String username) throws SQLException {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> row = new ArrayList<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                }
                return row;
            }
        }
    }

    private String scalar(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }
}
