package org.nymdir.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.nymdir.store.UserRecord;

/**
 * Builds a database file the way the original Python server leaves it: its DDL text as it sends it, its
 * inserts, Python's sqlite3 defaults (rollback journal, user_version 0), a row in {@code groups}.
 */
public final class OriginalDatabase {

    // DbUtils._initializeTables in the original's server/src/dbUtils.py, whitespace included
    static final String USERS_DDL = """

            CREATE TABLE IF NOT EXISTS users (
                username TEXT PRIMARY KEY,
                publicKey TEXT NOT NULL,
                senderTag TEXT NOT NULL
            )
            """;
    static final String GROUPS_DDL = """

            CREATE TABLE IF NOT EXISTS groups (
                groupID TEXT PRIMARY KEY,
                userList TEXT NOT NULL
            )
            """;

    static final UserRecord ALICE = new UserRecord("alice",
            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEaliceAAAA\n-----END PUBLIC KEY-----\n",
            "8xM3pQv1aLiCeTaG");
    static final UserRecord BOB = new UserRecord("bob",
            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbobBBBBB\n-----END PUBLIC KEY-----\n",
            "4HbobTagZz9");
    static final UserRecord CAROL = new UserRecord("carol_99", "-----BEGIN PUBLIC KEY-----\nc\n"
            + "-----END PUBLIC KEY-----\n", "CaRoLtAg");

    private OriginalDatabase() {
    }

    /** Creates {@code file} with alice, bob and carol_99, and group g1, as the original would. */
    static void create(Path file) throws SQLException {
        create(file, List.of(ALICE, BOB, CAROL));
    }

    /** Creates {@code file} with these users and group g1, as the original would. */
    public static void create(Path file, List<UserRecord> users) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate(USERS_DDL); // Python's sqlite3 runs DDL outside a transaction
                st.executeUpdate(GROUPS_DDL);
            }
            for (UserRecord u : users) { // addUser: one implicit transaction each
                c.setAutoCommit(false);
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO users (username, publicKey, senderTag) VALUES (?, ?, ?)")) {
                    ins.setString(1, u.username());
                    ins.setString(2, u.publicKeyPem());
                    ins.setString(3, u.senderTag());
                    ins.executeUpdate();
                }
                c.commit();
                c.setAutoCommit(true);
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO groups (groupID, userList) VALUES ('g1', '[\"alice\", \"bob\"]')");
            }
        }
    }
}
