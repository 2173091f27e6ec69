package org.nymdir.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nymdir.store.StoreAdminContract;
import org.nymdir.testing.TestPostgres;

class PostgresAdminTest extends StoreAdminContract {

    @Override
    protected Opened open() {
        TestPostgres pg = TestPostgres.create();
        PostgresDatabase db = PostgresDatabase.open(pg.config());
        return new Opened(new PostgresUserStore(db, "node-a"), new PostgresMailbox(db, "node-a"),
                new PostgresPresence(db), new PostgresAdmin(db), () -> {
                    db.close();
                    pg.close();
                });
    }

    @Test
    void theNodesOfTheDatabaseAreListedWithTheirHeartbeats() {
        PostgresDatabase db = dbOf();
        NodeRegistry registry = new NodeRegistry(db);
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        registry.started("node-a", t);
        registry.started("node-b", t);
        registry.stopped("node-b", t.plusSeconds(5));
        assertThat(stores.admin().nodes()).extracting(n -> n.id() + ":" + (n.stoppedAt() == null))
                .containsExactly("node-a:true", "node-b:false");
    }

    private PostgresDatabase dbOf() {
        return ((PostgresAdmin) stores.admin()).database();
    }
}
