package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.StoreException;
import org.nymdir.testing.Race;

class MigrationsTest {

    // the test steps below stand in for a V2 on a file that went only as far as V1
    private static final List<Migration> V1_ONLY = List.of(Migrations.SQLITE.getFirst());
    private static final List<Migration> WITH_EXTRA = List.of(Migrations.SQLITE.getFirst(),
            Migration.of("db/sqlite-test/V2__extra.sql"));
    private static final List<Migration> WITH_BROKEN = List.of(Migrations.SQLITE.getFirst(),
            Migration.of("db/sqlite-test/V2__broken.sql"));

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("nym_server.db");
    }

    @Test
    void theShippedListIsNumberedWithoutGapsAndEveryResourceExists() {
        for (int i = 0; i < Migrations.SQLITE.size(); i++) {
            Migration m = Migrations.SQLITE.get(i);
            assertThat(m.version()).isEqualTo(i + 1);
            assertThat(m.resource()).startsWith("db/sqlite/V" + (i + 1) + "__");
            assertThat(getClass().getClassLoader().getResource(m.resource())).as(m.resource()).isNotNull();
        }
    }

    /** A schema change shows up here as a diff to review; update the dump in the same commit. */
    @Test
    void aFreshDatabaseHasExactlyTheDumpedSchema() throws Exception {
        SqliteDatabase.open(SqliteConfig.defaults(file())).close();
        assertThat(dump()).isEqualTo(resource("db/sqlite/schema.txt"));
    }

    @Test
    void reopeningAppliesNothingTwice() {
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file()), WITH_EXTRA)) {
            assertThat(db.schema()).isEqualTo(new Migrations.Applied(0, 2));
        }
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file()), WITH_EXTRA)) {
            assertThat(db.schema()).isEqualTo(new Migrations.Applied(2, 2));
        }
    }

    @Test
    void aNewStepIsAppliedToAnOlderFile() throws Exception {
        SqliteDatabase.open(SqliteConfig.defaults(file()), V1_ONLY).close();
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file()), WITH_EXTRA)) {
            assertThat(db.schema()).isEqualTo(new Migrations.Applied(1, 2));
        }
        assertThat(scalar("SELECT count(*) FROM sqlite_master WHERE name = 'extra'")).isEqualTo("1");
    }

    @Test
    void aFailingStepRollsBackEntirelyAndStopsTheOpen() throws Exception {
        SqliteDatabase.open(SqliteConfig.defaults(file()), V1_ONLY).close();
        assertThatThrownBy(() -> SqliteDatabase.open(SqliteConfig.defaults(file()), WITH_BROKEN))
                .isInstanceOf(StoreException.class).hasMessageContaining("V2__broken.sql");
        assertThat(scalar("PRAGMA user_version")).isEqualTo("1");
        assertThat(scalar("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")).isEqualTo("0");
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file()))) {
            assertThat(db.schema()).as("the file is still usable")
                    .isEqualTo(new Migrations.Applied(1, Migrations.latest(Migrations.SQLITE)));
        }
    }

    @Test
    void aFileFromANewerBuildIsRefusedUntouched() throws Exception {
        SqliteDatabase.open(SqliteConfig.defaults(file())).close();
        execute("PRAGMA user_version = 99");
        assertThatThrownBy(() -> SqliteDatabase.open(SqliteConfig.defaults(file())))
                .isInstanceOf(StoreException.class).hasMessageContaining("v99");
        assertThat(scalar("PRAGMA user_version")).isEqualTo("99");
    }

    @Test
    void manyOpenersOfOneNewFileMigrateItOnce() throws Exception {
        Race.run(4, opener -> {
            try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file()), WITH_EXTRA)) {
                assertThat(db.schema().to()).isEqualTo(2);
            }
        });
        assertThat(scalar("PRAGMA integrity_check")).isEqualTo("ok");
    }

    @Test
    void badListsAndNamesAreRejected() {
        assertThatThrownBy(() -> Migration.of("db/sqlite/users.sql")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Migration.of("db/sqlite/V0__x.sql")).isInstanceOf(IllegalArgumentException.class);
        List<Migration> gap = List.of(Migrations.SQLITE.getFirst(), Migration.of("db/sqlite-test/V3__x.sql"));
        assertThatThrownBy(() -> SqliteDatabase.open(SqliteConfig.defaults(file()), gap))
                .isInstanceOf(StoreException.class).hasMessageContaining("without gaps");
    }

    private String dump() throws SQLException {
        StringBuilder out = new StringBuilder("user_version " + scalar("PRAGMA user_version") + "\n");
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")) {
            while (rs.next()) {
                out.append("\n-- ").append(rs.getString(1)).append(' ').append(rs.getString(2))
                        .append(" on ").append(rs.getString(3)).append('\n')
                        .append(rs.getString(4) == null ? "(automatic)" : rs.getString(4)).append('\n');
            }
        }
        return out.toString();
    }

    private String resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String scalar(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file());
    }
}
