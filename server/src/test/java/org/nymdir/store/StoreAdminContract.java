package org.nymdir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link StoreAdmin} promises, run against SQLite and PostgreSQL by a subclass that opens fresh,
 * empty stores on one database: the admin beside the user store, mailbox and presence it administers.
 */
public abstract class StoreAdminContract {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    /** The stores of one fresh database, and what closes them. */
    public record Opened(UserStore users, Mailbox mailbox, Presence presence, StoreAdmin admin,
                            AutoCloseable closer) {
    }

    @TempDir
    protected Path dir;
    protected Opened stores;

    /** Fresh, empty stores on one database. */
    protected abstract Opened open() throws Exception;

    @BeforeEach
    void openFresh() throws Exception {
        stores = open();
    }

    @AfterEach
    void closeStores() throws Exception {
        stores.closer().close();
    }

    private void register(String name) {
        assertThat(stores.users().insertUser(new UserRecord(name, "key of " + name, "tag of " + name))).isTrue();
    }

    /** Stores a message from alice; returns its stored bytes. */
    private long mail(String to, String body) throws Exception {
        String id = String.format("%032x", IDS.incrementAndGet());
        byte[] key = MessageDigest.getInstance("SHA-256").digest((id + to).getBytes(StandardCharsets.UTF_8));
        MailboxMessage m = new MailboxMessage(id, to, "alice", body, null, T0, T0.plus(Duration.ofDays(7)));
        assertThat(stores.mailbox().enqueue(m, key, 100)).isEqualTo(EnqueueResult.STORED);
        return m.storedBytes();
    }

    @Test
    void pingAnswersAndKindAndLocationNameTheStore() {
        stores.admin().ping();
        assertThat(stores.admin().kind()).isIn("sqlite", "postgresql");
        assertThat(stores.admin().location()).isNotBlank().doesNotContain("password");
    }

    @Test
    void blocksAreKeptUntilLiftedAndSayWhetherTheyChangedAnything() {
        register("bob");
        assertThat(stores.admin().blocked()).isEmpty();
        assertThat(stores.admin().block("bob", T0)).isTrue();
        assertThat(stores.admin().block("bob", T0.plusSeconds(1))).as("already blocked").isFalse();
        assertThat(stores.admin().blocked()).containsExactly("bob");
        assertThat(stores.admin().unblock("bob")).isTrue();
        assertThat(stores.admin().unblock("bob")).isFalse();
        assertThat(stores.admin().blocked()).isEmpty();
    }

    @Test
    void namesCompareExactly() {
        stores.admin().block("Bob", T0);
        stores.admin().block("b\u00f6b", T0);
        assertThat(stores.admin().blocked()).containsExactlyInAnyOrder("Bob", "b\u00f6b");
        assertThat(stores.admin().unblock("bob")).isFalse();
        assertThat(stores.admin().unblock("bo\u0308b")).as("another code point sequence").isFalse();
    }

    @Test
    void namesThatCouldNeverBeStoredFindNothingAndBlocksOfThemAreRefused() {
        assertThat(stores.admin().unblock("")).isFalse();
        assertThat(stores.admin().deleteUser("\uD800", T0)).isEmpty();
        assertThatThrownBy(() -> stores.admin().block("x".repeat(StoreArgs.MAX_NAME_CHARS + 1), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteRemovesTheUserTheirMailPresenceAndBlockAndLeavesOthersAlone() throws Exception {
        register("alice");
        register("bob");
        mail("bob", "\"one\"");
        mail("bob", "\"two\"");
        mail("alice", "\"for alice\"");
        stores.presence().touch("bob", T0);
        stores.presence().setAcking("bob", true);
        stores.admin().block("bob", T0);

        assertThat(stores.admin().deleteUser("bob", T0.plus(Duration.ofDays(30)))).isEqualTo(OptionalInt.of(2));
        assertThat(stores.users().findUser("bob")).isEmpty();
        assertThat(stores.mailbox().count("bob")).isZero();
        assertThat(stores.presence().lastSeen("bob")).isEmpty();
        assertThat(stores.presence().isAcking("bob")).isFalse();
        assertThat(stores.admin().blocked()).isEmpty();
        assertThat(stores.users().findUser("alice")).isPresent();
        assertThat(stores.mailbox().count("alice")).isEqualTo(1);

        assertThat(stores.admin().deleteUser("bob", T0)).as("no such user any more").isEmpty();
        assertThat(stores.users().isTaken("bob")).as("held for the quarantine").isTrue();
        assertThat(stores.users().isTaken("B0b")).as("and its look-alikes").isTrue();
        assertThat(stores.users().releaseHolds(T0.plus(Duration.ofDays(30)), 10)).isEqualTo(1);
        assertThat(stores.users().isTaken("bob")).as("free after the quarantine").isFalse();
        register("bob");
    }

    @Test
    void mailboxTotalsCountMessagesAndTheBytesTheQuotasCount() throws Exception {
        assertThat(stores.admin().mailboxTotals()).isEqualTo(new StoreAdmin.MailboxTotals(0, 0));
        long first = mail("bob", "\"abc\"");
        long second = mail("bob", "\"\u00e9\"");
        assertThat(stores.admin().mailboxTotals()).isEqualTo(new StoreAdmin.MailboxTotals(2, first + second));
        assertThat(stores.admin().mailboxTotals().bytes()).as("what the mailbox cap is checked against")
                .isEqualTo(stores.mailbox().storedBytes());
    }

    @Test
    void aBackupIsACompleteFileOrSaysWhatToDoInstead() throws Exception {
        register("alice");
        Path to = dir.resolve("backup.db");
        switch (stores.admin().backup(to)) {
            case StoreAdmin.Backup.Written w -> {
                assertThat(w.file()).isEqualTo(to.toAbsolutePath()).exists();
                assertThat(java.nio.file.Files.getPosixFilePermissions(to))
                        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                assertThatThrownBy(() -> stores.admin().backup(to)).as("never overwrites")
                        .isInstanceOf(IllegalArgumentException.class);
                assertThat(HexFormat.of().formatHex(java.nio.file.Files.readAllBytes(to), 0, 6))
                        .isEqualTo(HexFormat.of().formatHex("SQLite".getBytes(StandardCharsets.US_ASCII)));
            }
            case StoreAdmin.Backup.NotHere n -> {
                assertThat(n.instead()).contains("pg_dump");
                assertThat(to).doesNotExist();
            }
        }
    }
}
