package org.nymdir.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.store.UserStoreContract;
import org.nymdir.testing.TestPostgres;

class PostgresUserStoreTest extends UserStoreContract {

    private final TestPostgres pg = TestPostgres.create();
    private final List<PostgresDatabase> opened = new ArrayList<>();

    private PostgresDatabase database() {
        PostgresDatabase db = PostgresDatabase.open(pg.config());
        opened.add(db);
        return db;
    }

    @Override
    protected UserStore openStore() {
        return new PostgresUserStore(database(), "node-a");
    }

    /** Rows as a node of an older build (or an import) leaves them: in users, without skeletons. */
    @Override
    protected UserStore reopenWithOriginalRows(List<UserRecord> rows) {
        store.close();
        try (Connection c = pg.connection(); PreparedStatement insert = c.prepareStatement("INSERT INTO users"
                + " (username, public_key, sender_tag, node_id) VALUES (convert_to(?, 'UTF8'), convert_to(?, 'UTF8'),"
                + " convert_to(?, 'UTF8'), 'node-a')")) {
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

    @AfterEach
    void dropSchema() {
        opened.forEach(PostgresDatabase::close);
        pg.close();
    }

    @Test
    void aUserIsLocalWhereTheirTagWasSeenAndMovesWithTheirNextTag() {
        PostgresDatabase db = database();
        PostgresUserStore a = new PostgresUserStore(db, "node-a");
        PostgresUserStore b = new PostgresUserStore(db, "node-b");
        assertThat(a.insertUser(user("alice"))).isTrue();
        assertThat(a.findUser("alice")).contains(user("alice"));
        assertThat(b.findUser("alice")).contains(new UserRecord("alice", user("alice").publicKeyPem(),
                user("alice").senderTag(), "node-a"));
        assertThat(b.updateSenderTag("alice", user("alice").senderTag()))
                .as("the same tag text at another node is another tag: it moves").isTrue();
        assertThat(a.findUser("alice").orElseThrow().remoteNode()).isEqualTo("node-b");
        assertThat(b.findUser("alice").orElseThrow().isLocal()).isTrue();
        assertThatThrownBy(() -> a.insertUser(new UserRecord("bob", "k", "t", "node-b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneNameRegisteredAtManyNodesAtOnceHasExactlyOneOwner() throws Exception {
        int nodes = 4;
        List<PostgresUserStore> stores = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            stores.add(new PostgresUserStore(database(), "node-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            for (int round = 0; round < 25; round++) {
                String name = "name" + round;
                List<Future<Boolean>> wins = new ArrayList<>();
                for (PostgresUserStore s : stores) {
                    wins.add(pool.submit(() -> s.insertUser(new UserRecord(name, "key of " + s.nodeId(), "tag"))));
                }
                int won = 0;
                for (Future<Boolean> w : wins) {
                    won += w.get() ? 1 : 0;
                }
                assertThat(won).as("winners of %s", name).isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(stores.get(0).countUsers()).isEqualTo(25);
    }

    @Test
    void schemaIsAppliedOnceAndReopeningChangesNothing() {
        PostgresDatabase first = database();
        assertThat(first.schema().to()).isEqualTo(PostgresSchema.MIGRATIONS.size());
        new PostgresUserStore(first, "n").insertUser(user("alice"));
        PostgresDatabase again = database();
        assertThat(again.schema().from()).isEqualTo(again.schema().to());
        assertThat(new PostgresUserStore(again, "n").findUser("alice")).contains(user("alice"));
    }
}
