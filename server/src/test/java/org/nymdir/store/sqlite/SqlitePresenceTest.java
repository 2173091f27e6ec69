package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.Presence;
import org.nymdir.store.PresenceContract;

class SqlitePresenceTest extends PresenceContract {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    SqliteDatabase db;

    private Path file() {
        return dir.resolve("nym_server.db");
    }

    @Override
    protected Presence openPresence(Duration granularity) {
        if (db == null) {
            db = SqliteDatabase.open(SqliteConfig.defaults(file()));
        }
        return new SqlitePresence(db, granularity);
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void writesThatChangeNothingWorthACommitCostNoTransaction() {
        Presence p = openPresence(Duration.ofSeconds(1));
        long start = db.writeStats().transactions();
        p.touch("bob", T0);
        p.setAcking("bob", true);
        assertThat(db.writeStats().transactions() - start).isEqualTo(2);
        for (int i = 0; i < 100; i++) {
            p.touch("bob", T0.plusMillis(i * 9L)); // within the second
            p.touch("bob", T0.minusSeconds(i)); // backwards
            p.setAcking("bob", true);
            p.setAcking("carol", false); // unknown users already do not ack
        }
        assertThat(db.writeStats().transactions() - start).isEqualTo(2);
        p.touch("bob", T0.plusSeconds(1));
        assertThat(db.writeStats().transactions() - start).isEqualTo(3);
    }

    @Test
    void presenceSurvivesCloseAndReopen() {
        Presence p = openPresence(Presence.DEFAULT_GRANULARITY);
        p.touch("bob", T0);
        p.setAcking("bob", true);
        p.touch("carol", T0.plusSeconds(5));
        p.close();
        db.close();
        db = SqliteDatabase.open(SqliteConfig.defaults(file()));
        Presence again = new SqlitePresence(db);
        assertThat(again.lastSeen("bob")).contains(T0);
        assertThat(again.isAcking("bob")).isTrue();
        assertThat(again.lastSeen("carol")).contains(T0.plusSeconds(5));
        assertThat(again.isAcking("carol")).isFalse();
    }
}
