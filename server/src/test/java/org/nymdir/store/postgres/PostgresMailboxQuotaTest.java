package org.nymdir.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nymdir.store.Correspondence;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.MailQuota;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.MailboxQuotaContract;
import org.nymdir.testing.TestPostgres;

/**
 * The quotas on PostgreSQL: the counters of migration V2's triggers must agree with the rows, and several
 * nodes on one database, racing, must not pass a quota together.
 */
class PostgresMailboxQuotaTest extends MailboxQuotaContract {

    private final TestPostgres pg = TestPostgres.create();
    private PostgresDatabase db;

    @Override
    protected Mailbox openMailbox() {
        db = PostgresDatabase.open(pg.config());
        return new PostgresMailbox(db, "node-a");
    }

    @AfterEach
    void countersAgreeWithTheRows() throws Exception {
        try (Connection c = pg.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT coalesce(sum(bytes), 0) FROM mailbox),"
                     + " (SELECT bytes FROM mailbox_usage WHERE kind = '*'),"
                     + " (SELECT count(*) FROM mailbox_usage u WHERE u.kind = 'r' AND u.bytes <>"
                     + "  (SELECT sum(bytes) FROM mailbox m WHERE m.recipient_key = u.owner_key)),"
                     + " (SELECT count(*) FROM mailbox_usage u WHERE u.kind = 's' AND u.messages <>"
                     + "  (SELECT count(*) FROM mailbox m WHERE sha256(m.sender) = u.owner_key))")) {
            rs.next();
            assertThat(rs.getLong(2)).as("the '*' total").isEqualTo(rs.getLong(1));
            assertThat(rs.getLong(3)).as("recipient totals that disagree").isZero();
            assertThat(rs.getLong(4)).as("sender totals that disagree").isZero();
        } finally {
            db.close();
            pg.close();
        }
    }

    /**
     * The database server's disk full: PostgreSQL's own {@code disk_full} error (raised here by a trigger, as
     * the server raises it when it cannot extend a file) is a refusal, not a failure, and the next enqueue
     * after space returns is stored by the same mailbox.
     */
    @Test
    void theServersDiskFullIsStorageFullAndPassesWithoutARestart() throws Exception {
        MailQuota quota = MailQuota.messagesOnly(QUOTA);
        try (Connection c = pg.connection(); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION no_room() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END; $$");
            st.execute("CREATE TRIGGER no_room BEFORE INSERT ON mailbox FOR EACH ROW EXECUTE FUNCTION no_room()");
        }
        MailboxMessage m = message("bob", T0);
        assertThat(mailbox.enqueue(m, key(m.id()), quota, null)).isEqualTo(EnqueueResult.STORAGE_FULL);
        assertThat(mailbox.size()).isZero();
        try (Connection c = pg.connection(); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER no_room ON mailbox");
        }
        assertThat(mailbox.enqueue(m, key(m.id()), quota, null)).as("the same send, once there is room")
                .isEqualTo(EnqueueResult.STORED);
    }

    /** Four nodes, each with its own pool, send 200 puppets' mail to alice at once: exactly her strangers' share. */
    @Test
    void nodesRacingOnOneDatabaseCannotPassAQuotaTogether() throws Exception {
        MailQuota quota = new MailQuota(40, MailQuota.UNBOUNDED, 25, 3 * 400L, MailQuota.UNBOUNDED);
        List<PostgresDatabase> nodes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<EnqueueResult>> results = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int n = 0; n < 4; n++) {
                PostgresDatabase node = PostgresDatabase.open(pg.config());
                nodes.add(node);
                PostgresMailbox box = new PostgresMailbox(node, "node-" + n);
                for (int i = 0; i < 50; i++) {
                    String sender = "puppet" + (n * 50 + i) % 120; // some puppets send twice: sender quota too
                    results.add(pool.submit(() -> {
                        go.await();
                        MailboxMessage m = new MailboxMessage(newId(), "alice", sender, "\"hi\"", null, T0,
                                T0.plus(LIFE));
                        return box.enqueue(m, key(m.id()), quota, new Correspondence(sha256("alice>" + sender),
                                sha256(sender + ">alice"), T0.plus(LIFE)));
                    }));
                }
            }
            go.countDown();
            int stored = 0;
            for (Future<EnqueueResult> r : results) {
                if (r.get() == EnqueueResult.STORED) {
                    stored++;
                }
            }
            assertThat(stored).as("a quarter of 40 messages, whatever node took them").isEqualTo(10);
            assertThat(mailbox.count("alice")).isEqualTo(10);
        } finally {
            pool.shutdownNow();
            nodes.forEach(PostgresDatabase::close);
        }
    }
}
