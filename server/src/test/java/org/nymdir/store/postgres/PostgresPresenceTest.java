package org.nymdir.store.postgres;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.nymdir.store.Presence;
import org.nymdir.store.PresenceContract;
import org.nymdir.testing.TestPostgres;

class PostgresPresenceTest extends PresenceContract {

    private final TestPostgres pg = TestPostgres.create();
    private PostgresDatabase db;

    @Override
    protected Presence openPresence(Duration granularity) {
        if (db == null) {
            db = PostgresDatabase.open(pg.config());
        }
        return new PostgresPresence(db, granularity);
    }

    @AfterEach
    void dropSchema() {
        if (db != null) {
            db.close();
        }
        pg.close();
    }
}
