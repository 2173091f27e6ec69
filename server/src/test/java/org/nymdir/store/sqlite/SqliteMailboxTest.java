package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxContract;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserRecord;

class SqliteMailboxTest extends MailboxContract {

    @TempDir
    Path dir;
    SqliteDatabase db;

    private Path file() {
        return dir.resolve("nym_server.db");
    }

    @Override
    protected Mailbox openMailbox() {
        db = SqliteDatabase.open(SqliteConfig.defaults(file()));
        return new SqliteMailbox(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void messagesAndReplayKeysSurviveCloseAndReopen() {
        MailboxMessage kept = store("bob", T0);
        MailboxMessage delivered = store("bob", T0.plusSeconds(1));
        MailboxMessage other = store("carol", T0.plusSeconds(2));
        mailbox.remove("bob", List.of(delivered.id()));
        mailbox.close();
        db.close();
        try (SqliteDatabase reopened = SqliteDatabase.open(SqliteConfig.defaults(file()));
             SqliteMailbox again = new SqliteMailbox(reopened)) {
            assertThat(again.pending("bob", 10)).containsExactly(kept);
            assertThat(again.pending("carol", 10)).containsExactly(other);
            assertThat(again.recipientsWithPending("", 10)).containsExactly("bob", "carol");
            assertThat(again.enqueue(message("bob", T0.plusSeconds(3)), key("sig-" + delivered.id()), QUOTA))
                    .as("the key of a delivered message is still remembered").isEqualTo(EnqueueResult.DUPLICATE);
            MailboxMessage next = message("bob", T0.plusSeconds(4));
            assertThat(again.enqueue(next, key("new"), QUOTA)).isEqualTo(EnqueueResult.STORED);
            assertThat(again.pending("bob", 10)).containsExactly(kept, next);
        }
    }

    @Test
    void usersMailboxAndPresenceShareOneDatabase() {
        SqliteUserStore users = new SqliteUserStore(db);
        SqlitePresence presence = new SqlitePresence(db);
        users.insertUser(new UserRecord("bob", "key", "tag"));
        store("bob", T0);
        presence.touch("bob", T0);
        mailbox.close();
        presence.close();
        users.close();
        assertThat(db.<Long>read(c -> c.queryLong("SELECT COUNT(*) FROM mailbox"))).as("db still open")
                .isEqualTo(1L);
        try (SqliteMailbox again = new SqliteMailbox(db)) {
            assertThat(again.count("bob")).isEqualTo(1);
        }
    }

    @Test
    void eachWriteIsOneCommittedWriteAndReadsWriteNothing() {
        WriteStats before = db.writeStats();
        MailboxMessage m = store("bob", T0);
        mailbox.enqueue(message("bob", T0), key("sig-" + m.id()), QUOTA); // duplicate: checked in the writer
        mailbox.pending("bob", 10);
        mailbox.count("bob");
        mailbox.size();
        mailbox.recipientsWithPending("", 10);
        mailbox.remove("bob", List.of("not-an-id")); // nothing to do: no transaction
        WriteStats after = db.writeStats();
        assertThat(after.writes() - before.writes()).isEqualTo(2);
        assertThat(after.transactions() - before.transactions()).isEqualTo(2);
    }

    @Test
    void expireDeletesABigBacklogInBoundedTransactions() {
        int n = 2 * SqliteMailbox.EXPIRE_CHUNK + 7;
        db.write(c -> {
            PreparedStatement insert = c.prepare("INSERT INTO mailbox (id, recipient, sender, body, acceptedAt,"
                    + " expiresAt) VALUES (?, ?, 'a', 'b', 0, ?)");
            PreparedStatement key = c.prepare("INSERT INTO mailbox_replay (replayKey, expiresAt) VALUES (?, ?)");
            for (int i = 0; i < n; i++) {
                insert.setString(1, newId());
                insert.setString(2, "r" + (i % 50));
                insert.setLong(3, 1_000 + i % 2); // all but the one kept below
                insert.executeUpdate();
                key.setBytes(1, key("k" + i));
                key.setLong(2, 1_000);
                key.executeUpdate();
            }
            return null;
        });
        MailboxMessage kept = store("r0", T0);
        long transactions = db.writeStats().transactions();
        assertThat(mailbox.expire(Instant.ofEpochMilli(1_001))).isEqualTo(n);
        assertThat(db.writeStats().transactions() - transactions)
                .as("3 message chunks, 3 key chunks, 1 correspondence chunk").isEqualTo(7);
        assertThat(mailbox.pending("r0", 10)).containsExactly(kept);
        assertThat(db.<Long>read(c -> c.queryLong("SELECT COUNT(*) FROM mailbox_replay"))).isEqualTo(1L);
    }

    @Test
    void aDamagedRowIsAStoreExceptionThatShowsNoText() {
        db.write(c -> {
            c.execute("INSERT INTO mailbox (id, recipient, sender, body, acceptedAt, expiresAt)"
                    + " VALUES ('NOT-AN-ID', 'bob', 'a', 'secret body', 0, 1)");
            return null;
        });
        assertThatThrownBy(() -> mailbox.pending("bob", 10)).isInstanceOf(StoreException.class)
                .hasMessageNotContaining("secret");
    }
}
