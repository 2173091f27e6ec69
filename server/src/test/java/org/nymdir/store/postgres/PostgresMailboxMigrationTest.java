package org.nymdir.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.MailQuota;
import org.nymdir.store.MailboxMessage;
import org.nymdir.testing.TestPostgres;

/** V1 -> V2 on PostgreSQL: mail waiting before the step counts against the quotas after it, to the byte. */
class PostgresMailboxMigrationTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final TestPostgres pg = TestPostgres.create();

    @AfterEach
    void dropSchema() {
        pg.close();
    }

    @Test
    void mailWaitingInAVersionOneDatabaseCountsAgainstTheQuotasAfterTheMigration() {
        // names and body outside ASCII: the byte counts are UTF-8, in SQL as in MailboxMessage
        MailboxMessage waiting = new MailboxMessage("00112233445566778899aabbccddeeff", "böb", "ålice",
                "\"" + "é".repeat(499) + "\"", "pem", T0, T0.plus(Duration.ofDays(7)));
        try (PostgresDatabase v1 = PostgresDatabase.open(pg.config(), PostgresSchema.MIGRATIONS.subList(0, 1))) {
            assertThat(v1.schema().to()).isEqualTo(1);
            v1.write(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO mailbox (id, recipient, sender, body,"
                        + " sender_public_key, accepted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, waiting.id());
                    insert.setBytes(2, waiting.recipient().getBytes(StandardCharsets.UTF_8));
                    insert.setBytes(3, waiting.sender().getBytes(StandardCharsets.UTF_8));
                    insert.setBytes(4, waiting.rawBody().getBytes(StandardCharsets.UTF_8));
                    insert.setBytes(5, "pem".getBytes(StandardCharsets.UTF_8));
                    insert.setLong(6, T0.toEpochMilli());
                    insert.setLong(7, waiting.expiresAt().toEpochMilli());
                    return insert.executeUpdate();
                }
            });
        }
        try (PostgresDatabase db = PostgresDatabase.open(pg.config());
             PostgresMailbox mailbox = new PostgresMailbox(db, "node-a")) {
            assertThat(db.schema().from()).isEqualTo(1);
            assertThat(db.schema().to()).isEqualTo(PostgresSchema.MIGRATIONS.size());
            assertThat(mailbox.storedBytes()).isEqualTo(waiting.storedBytes());
            MailQuota oneMessageOfBytes = new MailQuota(10, waiting.storedBytes() + 10, 100,
                    MailQuota.UNBOUNDED, MailQuota.UNBOUNDED);
            MailboxMessage next = new MailboxMessage("ffeeddccbbaa99887766554433221100", "böb", "carol", "{}", null,
                    T0, T0.plus(Duration.ofDays(7)));
            assertThat(mailbox.enqueue(next, new byte[32], oneMessageOfBytes, null)).isEqualTo(EnqueueResult.FULL);
            assertThat(mailbox.remove("böb", List.of(waiting.id()))).isEqualTo(1);
            assertThat(mailbox.storedBytes()).isZero();
            assertThat(mailbox.enqueue(next, new byte[32], oneMessageOfBytes, null)).isEqualTo(EnqueueResult.STORED);
        }
    }
}
