package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.MailQuota;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.UserRecord;

/**
 * V1 -> V2: a file with users only, as the original leaves it (user_version 0) or as a V1 build of nymdir
 * leaves it (user_version 1), gains the mailbox and presence tables and nothing else changes: the users
 * table keeps its definition and its rows, and the original can still read it by position.
 */
class MailboxMigrationTest {
    private static final int LATEST = Migrations.latest(Migrations.SQLITE);


    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theOriginalsFileGainsTheMailboxAndKeepsItsUsers() throws SQLException {
        Path file = dir.resolve("nym_server.db");
        OriginalDatabase.create(file);
        String usersSql = scalar(file, "SELECT sql FROM sqlite_master WHERE name = 'users'");
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file))) {
            assertThat(db.schema()).isEqualTo(new Migrations.Applied(0, LATEST));
            useEverything(db);
        }
        assertThat(scalar(file, "SELECT sql FROM sqlite_master WHERE name = 'users'")).isEqualTo(usersSql);
        assertThat(scalar(file, "SELECT COUNT(*) FROM pragma_table_info('users')")).isEqualTo("3");
        assertThat(scalar(file, "SELECT userList FROM groups WHERE groupID = 'g1'")).isEqualTo("[\"alice\", \"bob\"]");
        assertThat(scalar(file, "PRAGMA integrity_check")).isEqualTo("ok");
    }

    @Test
    void aVersionOneFileOfOursIsMigratedOnceAndKeepsEverything() throws SQLException {
        Path file = dir.resolve("v1.db");
        try (SqliteDatabase v1 = SqliteDatabase.open(SqliteConfig.defaults(file),
                List.of(Migrations.SQLITE.getFirst()))) {
            // the users table as V1 left it (today's user store also fills the skeletons of a later step)
            v1.write(c -> {
                for (var u : List.of(OriginalDatabase.ALICE, OriginalDatabase.BOB)) {
                    var insert = c.prepare("INSERT INTO users (username, publicKey, senderTag) VALUES (?, ?, ?)");
                    insert.setString(1, u.username());
                    insert.setString(2, u.publicKeyPem());
                    insert.setString(3, u.senderTag());
                    insert.executeUpdate();
                }
                return null;
            });
        }
        assertThat(scalar(file, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'mailbox'")).isEqualTo("0");
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file))) {
            assertThat(db.schema()).isEqualTo(new Migrations.Applied(1, LATEST));
            useEverything(db);
        }
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file));
             SqliteMailbox mailbox = new SqliteMailbox(db)) {
            assertThat(db.schema()).isEqualTo(new Migrations.Applied(LATEST, LATEST));
            assertThat(mailbox.count("bob")).isEqualTo(1);
        }
    }

    @Test
    void mailWaitingInAVersionTwoFileCountsAgainstTheQuotasAfterTheMigration() throws SQLException {
        Path file = dir.resolve("v2.db");
        MailboxMessage waiting = new MailboxMessage("00112233445566778899aabbccddeeff", "bob", "alice",
                "\"" + "x".repeat(998) + "\"", "pem", T0, T0.plus(Duration.ofDays(7)));
        try (SqliteDatabase v2 = SqliteDatabase.open(SqliteConfig.defaults(file), Migrations.SQLITE.subList(0, 2))) {
            v2.write(c -> {
                c.execute("INSERT INTO mailbox (id, recipient, sender, body, senderPublicKey, acceptedAt, expiresAt)"
                        + " VALUES ('" + waiting.id() + "', 'bob', 'alice', '" + waiting.rawBody() + "', 'pem', "
                        + T0.toEpochMilli() + ", " + waiting.expiresAt().toEpochMilli() + ")");
                return null;
            });
        }
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file));
             SqliteMailbox mailbox = new SqliteMailbox(db)) {
            assertThat(db.schema()).isEqualTo(new Migrations.Applied(2, LATEST));
            assertThat(mailbox.storedBytes()).isEqualTo(waiting.storedBytes());
            MailQuota oneMessageOfBytes = new MailQuota(10, waiting.storedBytes() + 10, 100,
                    MailQuota.UNBOUNDED, MailQuota.UNBOUNDED);
            MailboxMessage next = new MailboxMessage("ffeeddccbbaa99887766554433221100", "bob", "carol", "{}", null,
                    T0, T0.plus(Duration.ofDays(7)));
            assertThat(mailbox.enqueue(next, new byte[32], oneMessageOfBytes, null)).isEqualTo(EnqueueResult.FULL);
            mailbox.remove("bob", List.of(waiting.id()));
            assertThat(mailbox.storedBytes()).isZero();
            assertThat(mailbox.enqueue(next, new byte[32], oneMessageOfBytes, null)).isEqualTo(EnqueueResult.STORED);
        }
    }

    /** The users are intact, and the new tables take writes and give them back. */
    private static void useEverything(SqliteDatabase db) {
        try (SqliteUserStore users = new SqliteUserStore(db); SqliteMailbox mailbox = new SqliteMailbox(db);
             SqlitePresence presence = new SqlitePresence(db)) {
            assertThat(users.findUser("alice")).contains(OriginalDatabase.ALICE);
            assertThat(users.findUser("bob")).contains(OriginalDatabase.BOB);
            MailboxMessage m = new MailboxMessage("00112233445566778899aabbccddeeff", "bob", "alice", "{}", null,
                    T0, T0.plus(Duration.ofDays(7)));
            assertThat(mailbox.enqueue(m, new byte[32], 10)).isEqualTo(EnqueueResult.STORED);
            assertThat(mailbox.pending("bob", 10)).containsExactly(m);
            presence.touch("bob", T0);
            assertThat(presence.lastSeen("bob")).contains(T0);
            assertThat(users.insertUser(new UserRecord("dave", "k", "t"))).isTrue();
        }
    }

    private static String scalar(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
