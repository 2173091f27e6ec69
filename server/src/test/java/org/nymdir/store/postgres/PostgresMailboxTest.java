package org.nymdir.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxContract;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserRecord;
import org.nymdir.testing.TestPostgres;

class PostgresMailboxTest extends MailboxContract {

    private final TestPostgres pg = TestPostgres.create();
    private PostgresDatabase db;

    @Override
    protected Mailbox openMailbox() {
        db = PostgresDatabase.open(pg.config());
        return new PostgresMailbox(db, "node-a");
    }

    @AfterEach
    void dropSchema() {
        if (db != null) {
            db.close();
        }
        pg.close();
    }

    @Test
    void twoNodesShareMessagesAndReplayKeys() {
        try (PostgresDatabase other = PostgresDatabase.open(pg.config());
             PostgresMailbox b = new PostgresMailbox(other, "node-b")) {
            MailboxMessage m = store("bob", T0);
            assertThat(b.pending("bob", 10)).containsExactly(m);
            assertThat(b.enqueue(message("carol", T0), key("sig-" + m.id()), QUOTA))
                    .as("a replay at another node").isEqualTo(EnqueueResult.DUPLICATE);
            assertThat(b.remove("bob", List.of(m.id()))).isEqualTo(1);
            assertThat(mailbox.size()).isZero();
        }
    }

    @Test
    void mailForAUserHomedElsewhereLeavesAWakeupForTheirNode() {
        new PostgresUserStore(db, "node-b").insertUser(new UserRecord("bob", "key", "tag"));
        List<String> woken = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (PostgresMailbox a = new PostgresMailbox(db, "node-a", woken::add)) {
            a.enqueue(message("bob", T0), key("one"), QUOTA);
            a.enqueue(message("nobody", T0), key("two"), QUOTA);
        }
        assertThat(woken).containsExactly("node-b");
        RelayWakeups wakeups = new RelayWakeups(db, "node-b");
        assertThat(wakeups.claim(10)).containsExactly("bob");
        assertThat(wakeups.claim(10)).as("claimed once").isEmpty();
    }

    @Test
    void aNodeCannotRemoveMailOfAUserWhoMovedToAnotherNode() {
        PostgresUserStore users = new PostgresUserStore(db, "node-a");
        users.insertUser(new UserRecord("bob", "key", "tag"));
        MailboxMessage m = store("bob", T0);
        new PostgresUserStore(db, "node-b").updateSenderTag("bob", "tag at b");
        assertThat(mailbox.remove("bob", List.of(m.id()))).isZero();
        try (PostgresMailbox b = new PostgresMailbox(db, "node-b")) {
            assertThat(b.remove("bob", List.of(m.id()))).isEqualTo(1);
        }
    }

    @Test
    void aDamagedRowIsAStoreExceptionThatShowsNoText() throws Exception {
        try (Connection c = pg.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO mailbox (id, recipient, sender, body, accepted_at, expires_at)"
                    + " VALUES ('NOT-AN-ID', convert_to('bob', 'UTF8'), 'a', convert_to('secret body', 'UTF8'), 0, 1)");
        }
        assertThatThrownBy(() -> mailbox.pending("bob", 10)).isInstanceOf(StoreException.class)
                .hasMessageNotContaining("secret");
    }
}
