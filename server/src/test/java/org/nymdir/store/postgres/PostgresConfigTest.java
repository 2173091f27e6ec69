package org.nymdir.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresConfigTest {

    @TempDir
    Path dir;

    @Test
    void libpqUrlsBecomeJdbcUrlsWithTheCredentialsApart() {
        PostgresConfig c = PostgresConfig.fromUrl("postgresql://nym:s%40cr+t@db.example:5433/dir?sslmode=require",
                Optional.empty());
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/dir?sslmode=require");
        assertThat(c.user()).isEqualTo("nym");
        assertThat(c.password()).isEqualTo("s@cr+t");
        assertThat(PostgresConfig.fromUrl("postgres://h/d", Optional.empty()).jdbcUrl())
                .isEqualTo("jdbc:postgresql://h/d");
        PostgresConfig jdbc = PostgresConfig.fromUrl("jdbc:postgresql://h:1/d?user=u", Optional.empty());
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/d?user=u");
        assertThat(jdbc.user()).isNull();
    }

    @Test
    void thePasswordNeverShowsInLogsOrErrors() {
        PostgresConfig c = PostgresConfig.fromUrl("postgresql://nym:hunter2@h:5432/d?password=hunter2",
                Optional.empty());
        assertThat(c.toString()).doesNotContain("hunter2").contains("h:5432/d").contains("nym");
        assertThat(c.displayUrl()).doesNotContain("hunter2");
        assertThatThrownBy(() -> PostgresConfig.fromUrl("mysql://nym:hunter2@h/d", Optional.empty()))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aPasswordFileGivesThePasswordButNotBesideOneInTheUrl() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\nignored\n");
        assertThat(PostgresConfig.fromUrl("postgresql://nym@h/d", Optional.of(file)).password()).isEqualTo("from-file");
        assertThatThrownBy(() -> PostgresConfig.fromUrl("postgresql://nym:x@h/d", Optional.of(file)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> PostgresConfig.fromUrl("postgresql://nym@h/d", Optional.of(file)))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PostgresConfig.fromUrl("postgresql://nym@h/d", Optional.of(dir.resolve("none"))))
                .hasMessageContaining("cannot read");
    }

    @Test
    void anUnreachableServerIsAStoreExceptionNamingWhere() {
        PostgresConfig c = PostgresConfig.fromUrl("postgresql://nobody:pw@127.0.0.1:1/none", Optional.empty())
                .withConnectTimeout(java.time.Duration.ofSeconds(2));
        assertThatThrownBy(() -> PostgresDatabase.open(c)).isInstanceOf(org.nymdir.store.StoreException.class)
                .hasMessageContaining("127.0.0.1:1/none").hasMessageNotContaining("pw@");
    }
}
