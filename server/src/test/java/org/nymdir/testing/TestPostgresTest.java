package org.nymdir.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The PostgreSQL test harness: a schema of its own that is gone afterwards; no server is a failure, not a skip. */
class TestPostgresTest {

    @Test
    void eachInstanceHasItsOwnSchemaAndLeavesNothing() throws Exception {
        String schema;
        try (TestPostgres a = TestPostgres.create(); TestPostgres b = TestPostgres.create()) {
            assertThat(a.schema()).isNotEqualTo(b.schema());
            schema = a.schema();
            try (Connection c = a.connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT current_schema()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(schema);
            }
        }
        try (TestPostgres other = TestPostgres.create(); Connection c = other.connection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("dropped").isZero();
        }
    }

    @Test
    void anUnreachableServerFailsTheTestSayingHowToStartOne() {
        assertThatThrownBy(() -> TestPostgres.create("postgresql://postgres@127.0.0.1:1/test"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("pg_ctlcluster 15 main start");
    }
}
