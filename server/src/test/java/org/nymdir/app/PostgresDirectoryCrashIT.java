package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.nymdir.store.MailboxMessage;
import org.nymdir.testing.TestPostgres;

/** The SIGKILL crash test with the server on PostgreSQL: every accepted send survives, the rows stay valid. */
class PostgresDirectoryCrashIT extends DirectoryCrashIT {

    private final TestPostgres pg = TestPostgres.create();

    @AfterEach
    void dropSchema() {
        pg.close();
    }

    @Override
    protected Map<String, String> env() {
        return Map.of("NYMDIR_DATABASE_URL", pg.url(), "NYMDIR_DATABASE_POOL", "3");
    }

    /** Every row reads back valid through the store, and the SQLite file was never made. */
    @Override
    protected void assertIntact(ServerProcess server) throws Exception {
        pg.mailbox();
        try (Connection c = pg.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            assertThat(rs.getLong(1)).as("users on PostgreSQL").isGreaterThanOrEqualTo(6);
        }
        assertThat(server.files().database()).as("no SQLite file beside a PostgreSQL node").doesNotExist();
    }

    @Override
    protected Map<String, List<MailboxMessage>> mailbox(ServerProcess server) {
        return pg.mailbox();
    }
}
