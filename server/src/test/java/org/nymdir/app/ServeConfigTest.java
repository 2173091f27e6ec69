package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsNeedNothing() {
        ServeConfig c = ServeConfig.from(Map.of());
        assertThat(c.nymClientId()).isEqualTo("nym_server");
        assertThat(c.websocketUrl()).isEqualTo(URI.create("ws://127.0.0.1:1977"));
        assertThat(c.databasePath()).isEqualTo(Path.of("storage/nym_server.db"));
        assertThat(c.keysDir()).isEqualTo(Path.of("storage/keys"));
        assertThat(c.secretPath()).isEqualTo(Path.of("secrets/encryption_password"));
        assertThat(c.logFilePath()).isEqualTo(Path.of("storage/app.log"));
        assertThat(c.nymAddressFile()).isEqualTo(Path.of("storage/nym_address.txt").toAbsolutePath());
        assertThat(c.maxRequestBytes()).isEqualTo(256 * 1024);
        assertThat(c.publicKeyFile()).isEqualTo(Path.of("storage/keys/nym_server_public_key.pem"));
    }

    @Test
    void theStoreIsSqliteUnlessADatabaseUrlNamesPostgresql() {
        assertThat(ServeConfig.from(Map.of()).database().postgres()).isEmpty();
        ServeConfig pg = ServeConfig.from(Map.of("NYMDIR_DATABASE_URL", "postgresql://nym@db:5432/dir",
                "NYMDIR_NODE_ID", "eu-1"));
        assertThat(pg.database().postgres().orElseThrow().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/dir");
        assertThat(pg.database().nodeId()).contains("eu-1");
        assertThat(pg.nodeIdFile()).isEqualTo(Path.of("storage/node_id").toAbsolutePath());
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_DATABASE_URL", "mysql://db/dir")))
                .hasMessageContaining("NYMDIR_DATABASE_URL");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_NODE_ID", "no spaces")))
                .hasMessageContaining("NYMDIR_NODE_ID");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_DATABASE_PASSWORD_FILE", "pw")))
                .hasMessageContaining("NYMDIR_DATABASE_URL");
    }

    @Test
    void aNodeMakesUpItsIdOnceAndKeepsIt() throws Exception {
        Path file = dir.resolve("storage/node_id");
        String first = StoreBackend.loadOrCreateNodeId(file);
        assertThat(first).matches("node-[0-9a-f]{16}");
        assertThat(StoreBackend.loadOrCreateNodeId(file)).isEqualTo(first);
        assertThat(StoreBackend.loadOrCreateNodeId(dir.resolve("other/node_id"))).isNotEqualTo(first);
    }

    @Test
    void theOriginalsEnvFileMeansWhatItMeantThere() throws Exception {
        // The original's .env.example, verbatim: its loader takes values literally and overrides the environment.
        Path env = dir.resolve(".env");
        Files.writeString(env, """
                NYM_CLIENT_ID=nym_server
                DATABASE_PATH=storage/$NYM_CLIENT_ID.db
                LOG_FILE_PATH=storage/app.log
                KEYS_DIR=storage/keys
                WEBSOCKET_URL=ws://127.0.0.1:1977
                SECRET_PATH=secrets/encryption_password
                # a comment
                """);
        Map<String, String> vars = DotEnv.overlay(Map.of("KEYS_DIR", "/elsewhere", "HOME", "/root"), env);
        assertThat(vars).containsEntry("KEYS_DIR", "storage/keys").containsEntry("HOME", "/root")
                .containsEntry("DATABASE_PATH", "storage/$NYM_CLIENT_ID.db");
        assertThat(ServeConfig.from(vars).databasePath()).isEqualTo(Path.of("storage/$NYM_CLIENT_ID.db"));
    }

    @Test
    void flagsOverrideTheEnvFile() throws Exception {
        Files.writeString(dir.resolve(".env"), "NYM_CLIENT_ID=from_file\nWEBSOCKET_URL=ws://10.0.0.1:1977\n");
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--env-file", dir.resolve(".env").toString(), "--nym-client-id", "from_flag");
        ServeConfig c = ServeConfig.from(cmd.variables());
        assertThat(c.nymClientId()).isEqualTo("from_flag");
        assertThat(c.websocketUrl()).isEqualTo(URI.create("ws://10.0.0.1:1977"));
    }

    @Test
    void invalidValuesFailFastWithTheVariablesName() {
        assertThatThrownBy(() -> ServeConfig.from(Map.of("WEBSOCKET_URL", "http://x"))).hasMessageContaining("WEBSOCKET_URL");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYM_CLIENT_ID", "../etc"))).hasMessageContaining("NYM_CLIENT_ID");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_MAX_REQUEST_BYTES", "10")))
                .hasMessageContaining("NYMDIR_MAX_REQUEST_BYTES");
    }

    @Test
    void aMalformedEnvLineIsReportedWithoutItsValue() throws Exception {
        Files.writeString(dir.resolve(".env"), "JUSTTEXT-secret-stuff-here\n");
        assertThatThrownBy(() -> DotEnv.overlay(Map.of(), dir.resolve(".env"))).hasMessageContaining("line 1 is not a KEY=VALUE").hasMessageNotContaining("secret");
    }
}
