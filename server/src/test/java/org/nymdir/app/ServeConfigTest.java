package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.Main;
import org.nymdir.app.settings.SettingException;
import org.nymdir.crypto.EcdsaProvider;
import org.nymdir.directory.RelayPolicy;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.Rate;
import picocli.CommandLine;
import org.nymdir.app.settings.ServeSettings;

class ServeConfigTest {
    @TempDir
    Path dir;

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
                "NYMDIR_STRANGER_SHARE").hasMessageContaining("must be a percentage from 1 to 100");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_MAILBOX_CAP_BYTES", "4 gigs")))
                .hasMessageContaining("NYMDIR_MAILBOX_CAP_BYTES").hasMessageContaining("must be a size in bytes");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_FREE_SPACE_FLOOR", "-1")))
                .hasMessageContaining("NYMDIR_FREE_SPACE_FLOOR");
    }

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
        assertThat(c.outboundQueue()).isEqualTo(100_000);
        assertThat(c.relay()).isEqualTo(RelayPolicy.defaults());
        assertThat(c.rates()).hasSize(Limit.values().length).containsEntry(Limit.SEND, Limit.SEND.defaultRate());
        assertThat(c.cryptoProvider()).isEqualTo(EcdsaProvider.defaultPreference());
        assertThat(c.statsPort()).isEmpty();
        assertThat(c.logLevel()).isEmpty();
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
    void everySettingIsRead() {
        ServeConfig c = ServeConfig.from(Map.ofEntries(
                Map.entry("NYM_CLIENT_ID", "dir2"),
                Map.entry("NYMDIR_MAX_REQUEST_BYTES", "4096"),
                Map.entry("NYMDIR_OUTBOUND_QUEUE", "7"),
                Map.entry("NYMDIR_MAILBOX_TTL", "2h"),
                Map.entry("NYMDIR_TAG_FRESHNESS", "90s"),
                Map.entry("NYMDIR_MAILBOX_QUOTA", "5"),
                Map.entry("NYMDIR_LIMIT_SEND", "3/4"),
                Map.entry("NYMDIR_LIMIT_LOOKUP", "off"),
                Map.entry("NYMDIR_CRYPTO_PROVIDER", "JDK"),
                Map.entry("NYMDIR_STATS_PORT", "0"),
                Map.entry("NYMDIR_LOG_LEVEL", "warn")));
        assertThat(c.databasePath()).isEqualTo(Path.of("storage/dir2.db"));
        assertThat(c.maxRequestBytes()).isEqualTo(4096);
        assertThat(c.outboundQueue()).isEqualTo(7);
        assertThat(c.relay().mailboxTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(c.relay().tagFreshness()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.relay().recipientQuota()).isEqualTo(5);
        assertThat(c.rates()).containsEntry(Limit.SEND, new Rate(3, 4)).doesNotContainKey(Limit.LOOKUP);
        assertThat(c.cryptoProvider()).isEqualTo(EcdsaProvider.Preference.JDK);
        assertThat(c.statsPort()).hasValue(0);
        assertThat(c.logLevel()).hasValue(Level.WARN);
    }

    @Test
    void theEnvFileSetsNymdirSettingsToo() throws Exception {
        Files.writeString(dir.resolve(".env"), "NYMDIR_LOG_LEVEL=ERROR\nNYMDIR_CRYPTO_PROVIDER=jdk\n");
        ServeConfig c = ServeConfig.from(command("--env-file", dir.resolve(".env").toString()).variables());
        assertThat(c.logLevel()).hasValue(Level.ERROR);
        assertThat(c.cryptoProvider()).isEqualTo(EcdsaProvider.Preference.JDK);
    }

    @Test
    void flagsOverrideTheEnvFile() throws Exception {
        Files.writeString(dir.resolve(".env"), "NYM_CLIENT_ID=from_file\nWEBSOCKET_URL=ws://10.0.0.1:1977\n"
                + "NYMDIR_MAILBOX_TTL=1d\n");
        ServeConfig c = ServeConfig.from(command("--env-file", dir.resolve(".env").toString(),
                "--nym-client-id", "from_flag", "--mailbox-ttl", "3h", "--limit-challenge-response", "off",
                "--stats-port", "9")
                .variables());
        assertThat(c.nymClientId()).isEqualTo("from_flag");
        assertThat(c.websocketUrl()).isEqualTo(URI.create("ws://10.0.0.1:1977"));
        assertThat(c.relay().mailboxTtl()).isEqualTo(Duration.ofHours(3));
        assertThat(c.rates()).doesNotContainKey(Limit.CHALLENGE_RESPONSE);
        assertThat(c.statsPort()).hasValue(9);
    }

    @Test
    void aBadFlagIsRefusedLikeABadVariableNamingBoth() {
        assertThatThrownBy(() -> ServeConfig.from(command("--mailbox-ttl", "soon").variables()))
                .isInstanceOf(SettingException.class)
                .hasMessageStartingWith("NYMDIR_MAILBOX_TTL=soon (--mailbox-ttl) must be");
    }

    @Test
    void invalidValuesFailFastWithTheVariablesName() {
        assertThatThrownBy(() -> ServeConfig.from(Map.of("WEBSOCKET_URL", "http://x")))
                .hasMessageContaining("WEBSOCKET_URL");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYM_CLIENT_ID", "../etc")))
                .hasMessageContaining("NYM_CLIENT_ID");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_MAX_REQUEST_BYTES", "10")))
                .hasMessageContaining("NYMDIR_MAX_REQUEST_BYTES");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_LOG_LEVEL", "verbose")))
                .hasMessageContaining("NYMDIR_LOG_LEVEL");
        assertThatThrownBy(() -> ServeConfig.from(Map.of("NYMDIR_CRYPTO_PROVIDER", "bouncy")))
                .hasMessageContaining("NYMDIR_CRYPTO_PROVIDER").hasMessageContaining("auto, jdk, native");
    }

    @Test
    void helpListsEverySettingWithItsVariable() {
        CommandLine cli = Main.commandLine();
        String help = cli.getSubcommands().get("serve").getUsageMessage();
        for (var setting : ServeSettings.ALL) {
            assertThat(help).contains(setting.name() + ":");
            if (setting.flag() != null) { // NYMDIR_JAVA_OPTS has none: the launcher reads it before the JVM starts
                assertThat(help).contains(setting.flag());
            }
        }
    }

    private static ServeCommand command(String... args) {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }
}
