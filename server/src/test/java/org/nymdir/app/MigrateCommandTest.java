package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.UserRecord;
import org.nymdir.store.postgres.PostgresDatabase;
import org.nymdir.store.postgres.PostgresMailbox;
import org.nymdir.store.postgres.PostgresPresence;
import org.nymdir.store.postgres.PostgresUserStore;
import org.nymdir.store.sqlite.OriginalDatabase;
import org.nymdir.store.sqlite.SqliteConfig;
import org.nymdir.store.sqlite.SqliteDatabase;
import org.nymdir.store.sqlite.SqliteMailbox;
import org.nymdir.store.sqlite.SqlitePresence;
import org.nymdir.store.sqlite.SqliteUserStore;
import org.nymdir.testing.Cli;
import org.nymdir.testing.DatabaseFiles;
import org.nymdir.testing.TestPostgres;

/** {@code nymdir admin migrate}: a populated SQLite directory arrives whole in PostgreSQL, or not at all. */
class MigrateCommandTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private final TestPostgres pg = TestPostgres.create();

    @AfterEach
    void dropSchema() {
        pg.close();
    }

    @Test
    void aPopulatedDirectoryIsCopiedWholeCheckedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("storage/nym_server.db");
        List<UserRecord> users = new ArrayList<>();
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file));
             SqliteUserStore u = new SqliteUserStore(db); SqliteMailbox mailbox = new SqliteMailbox(db);
             SqlitePresence presence = new SqlitePresence(db)) {
            for (int i = 0; i < 250; i++) {
                UserRecord user = new UserRecord("user" + i, "key of " + i + " \u0000 😀", "tag" + i);
                users.add(user);
                u.insertUser(user);
                presence.touch(user.username(), T0.plusSeconds(i));
            }
            presence.setAcking("user7", true);
            for (int i = 0; i < 1_500; i++) { // ties of acceptedAt: order of insertion must survive
                MailboxMessage m = new MailboxMessage(id(i), "user" + (i % 40), "user" + (i % 7),
                        "{\"n\": " + i + ", \"text\": \"ünïcödé\"}", i % 3 == 0 ? null : "pem " + i,
                        T0.plusMillis(i / 10), T0.plus(Duration.ofDays(7)));
                assertThat(mailbox.enqueue(m, sha256("sig" + i), Mailbox.MAX_QUOTA)).isEqualTo(EnqueueResult.STORED);
            }
            mailbox.remove("user0", List.of(id(0))); // its replay key stays
        }
        String before = digest(file);
        Map<String, List<MailboxMessage>> sourceMail = DatabaseFiles.mailbox(file);

        Cli.Run run = Cli.run("admin", "migrate", "--to", pg.url(), "--from", file.toString(), "--node-id", "eu-1",
                "--env-file", "/dev/null");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("250 users, 1499 messages, 1500 replay keys, 250 presence rows")
                .contains("NYMDIR_NODE_ID=eu-1").doesNotContain("key of");
        assertThat(digest(file)).as("the source file is not touched").isEqualTo(before);

        try (PostgresDatabase db = PostgresDatabase.open(pg.config());
             PostgresUserStore u = new PostgresUserStore(db, "eu-1");
             PostgresMailbox mailbox = new PostgresMailbox(db, "eu-1");
             PostgresPresence presence = new PostgresPresence(db)) {
            for (UserRecord user : users) {
                assertThat(u.findUser(user.username())).as("homed at eu-1, as copied").contains(user);
            }
            assertThat(DatabaseFiles.contents(mailbox)).isEqualTo(sourceMail);
            assertThat(presence.lastSeen("user249")).contains(T0.plusSeconds(249));
            assertThat(presence.isAcking("user7")).isTrue();
            MailboxMessage replay = new MailboxMessage(id(9_999), "user1", "user0", "{}", null, T0, T0.plusSeconds(60));
            assertThat(mailbox.enqueue(replay, sha256("sig0"), Mailbox.MAX_QUOTA))
                    .as("the replay key of a delivered message came along").isEqualTo(EnqueueResult.DUPLICATE);
        }

        Cli.Run again = Cli.run("admin", "migrate", "--to", pg.url(), "--from", file.toString(), "--node-id", "eu-1",
                "--env-file", "/dev/null");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already holds 250 users").contains("nothing was copied");
    }

    @Test
    void anOriginalServersFileMigratesItsUsers() throws Exception {
        Path file = dir.resolve("original.db");
        OriginalDatabase.create(file, List.of(new UserRecord("alice", "pem a", "tag a"),
                new UserRecord("bob", "pem b", "tag b")));
        Cli.Run run = Cli.run("admin", "migrate", "--to", pg.url(), "--from", file.toString(), "--node-id", "n1",
                "--env-file", "/dev/null");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("2 users, 0 messages");
        try (PostgresDatabase db = PostgresDatabase.open(pg.config())) {
            assertThat(new PostgresUserStore(db, "n1").findUser("bob"))
                    .contains(new UserRecord("bob", "pem b", "tag b"));
        }
    }

    @Test
    void aBadTargetOrSourceCopiesNothingAndSaysWhy() throws Exception {
        Cli.Run badUrl = Cli.run("admin", "migrate", "--to", "mysql://x:secret@h/d", "--from", "x.db",
                "--env-file", "/dev/null");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("postgresql://").doesNotContain("secret");
        Cli.Run noFile = Cli.run("admin", "migrate", "--to", pg.url(), "--from", dir.resolve("none.db").toString(),
                "--node-id", "n1", "--env-file", "/dev/null");
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.err()).contains("no SQLite database");
    }

    private static String id(int i) {
        return String.format("%032x", i);
    }

    private static byte[] sha256(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
