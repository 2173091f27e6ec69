package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.app.ops.OpsSettings;
import org.nymdir.directory.limits.Limit;

/** The deployment files at the repository's root: the systemd unit and .env.example. */
class DeployFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void envExampleReadsAsTheDefaultsAndNamesEverySetting() throws Exception {
        Path example = ROOT.resolve(".env.example");
        Map<String, String> vars = DotEnv.overlay(Map.of(), example);
        ServeConfig fromExample = ServeConfig.from(vars);
        ServeConfig defaults = ServeConfig.from(Map.of());
        assertThat(fromExample.relay()).isEqualTo(defaults.relay());
        assertThat(fromExample.rates()).isEqualTo(defaults.rates());
        assertThat(fromExample.databasePath()).isEqualTo(defaults.databasePath());
        assertThat(fromExample.ops()).usingRecursiveComparison().ignoringFields("adminTokenFile")
                .isEqualTo(defaults.ops());
        List<String> names = new ArrayList<>(List.of(ServeConfig.NYM_CLIENT_ID, ServeConfig.WEBSOCKET_URL,
                ServeConfig.DATABASE_PATH, ServeConfig.KEYS_DIR, ServeConfig.SECRET_PATH, ServeConfig.LOG_FILE_PATH,
                ServeConfig.NYM_ADDRESS_FILE, ServeConfig.MAX_REQUEST_BYTES, ServeConfig.OUTBOUND_QUEUE,
                Settings.MAILBOX_TTL, Settings.TAG_FRESHNESS, Settings.MAILBOX_QUOTA, OpsSettings.LOG_MAX_SIZE,
                OpsSettings.LOG_KEEP, OpsSettings.STATS_PORT, OpsSettings.STATS_HOST, OpsSettings.ADMIN_TOKEN_FILE,
                OpsSettings.NEW_SERVER_KEY, "NYMDIR_JAVA_OPTS", "NYMDIR_LOG_LEVEL"));
        for (Limit limit : Limit.values()) {
            names.add(limit.settingName());
        }
        String text = Files.readString(example);
        assertThat(names).allSatisfy(name -> assertThat(text).contains(name + "="));
    }

    @Test
    void theSystemdUnitVerifies() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed (apt-get install systemd)");
        // The unit runs /opt/nymdir/nymdir; verify checks that it exists, so point it at the repository's copy.
        String unit = Files.readString(ROOT.resolve("deploy/nymdir.service"))
                .replace("/opt/nymdir/nymdir", ROOT.resolve("deploy/nymdir").toString());
        Path copy = Files.writeString(tmp.resolve("nymdir.service"), unit);
        Process verify = new ProcessBuilder(analyze.toString(), "verify", copy.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.waitFor()).as(output).isZero();
        assertThat(output).as("warnings of systemd-analyze").isBlank();
    }
}
