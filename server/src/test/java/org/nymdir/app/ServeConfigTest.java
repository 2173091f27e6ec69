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
    void storageQuotasHaveDefaultsAndReadSizesAndPercentages() {
        ServeConfig d = ServeConfig.from(Map.of());
        assertThat(d.relay().recipientQuotaBytes()).isEqualTo(64L << 20);
        assertThat(d.relay().strangerPercent()).isEqualTo(25);
        assertThat(d.relay().senderQuotaBytes()).isEqualTo(64L << 20);
        assertThat(d.relay().mailboxCapBytes()).isEqualTo(4L << 30);
        assertThat(d.freeSpaceFloor()).isEqualTo(256L << 20);
        ServeConfig c = ServeConfig.from(Map.of("NYMDIR_MAILBOX_QUOTA_BYTES", "512k", "NYMDIR_STRANGER_SHARE", "40%",
                "NYMDIR_SENDER_QUOTA_BYTES", "3MiB", "NYMDIR_MAILBOX_CAP_BYTES", "2G", "NYMDIR_FREE_SPACE_FLOOR", "0"));
        assertThat(c.relay().quota()).isEqualTo(new org.nymdir.store.MailQuota(1000, 512 << 10, 40, 3 << 20, 2L << 30));
        assertThat(c.freeSpaceFloor()).isZero();
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_STRANGER_SHARE", "0"))).hasMessageContaining(
                "NYMDIR_STRANGER_SHARE must be a percentage from 1 to 100");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_MAILBOX_CAP_BYTES", "4 gigs")))
                .hasMessageContaining("NYMDIR_MAILBOX_CAP_BYTES must be a size in bytes");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_FREE_SPACE_FLOOR", "-1")))
                .hasMessageContaining("NYMDIR_FREE_SPACE_FLOOR");
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
