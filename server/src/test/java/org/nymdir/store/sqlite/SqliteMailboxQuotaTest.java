package org.nymdir.store.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxQuotaContract;

/** The quotas on SQLite: the counters of migration V3's triggers must agree with the rows. */
class SqliteMailboxQuotaTest extends MailboxQuotaContract {
    @TempDir
    Path dir;
    private SqliteDatabase db;

    @Override
    protected Mailbox openMailbox() {
        db = SqliteDatabase.open(SqliteConfig.defaults(dir.resolve("nym_server.db")));
        return new SqliteMailbox(db);
    }

    @AfterEach
    void countersAgreeWithTheRows() {
        long[] counted = db.read(c -> {
            long bytes = c.queryLong("SELECT coalesce(sum(bytes), 0) FROM mailbox");
            long usage = c.queryLong("SELECT coalesce((SELECT bytes FROM mailbox_usage WHERE owner = '*'), 0)");
            long wrong = c.queryLong("SELECT count(*) FROM mailbox_usage u WHERE u.owner LIKE 'r:%' AND u.bytes <>"
                    + " (SELECT sum(bytes) FROM mailbox m WHERE 'r:' || m.recipient = u.owner)");
            return new long[] {bytes, usage, wrong};
        });
        org.assertj.core.api.Assertions.assertThat(counted[1]).isEqualTo(counted[0]);
        org.assertj.core.api.Assertions.assertThat(counted[2]).isZero();
        db.close();
    }
}
