package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.app.settings.ServeSettings;

/** The deployment files at the repository's root: the systemd unit and .env.example. */
class DeployFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void envExampleNamesEverySettingAndReadsAsTheDefaults() throws Exception {
        String text = Files.readString(ROOT.resolve(".env.example"));
        assertThat(ServeSettings.ALL).allSatisfy(setting -> assertThat(text).as(setting.name())
                .containsPattern("(?m)^(# )?" + setting.name() + "="));
        Map<String, String> lines = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        ServeConfig fromExample = ServeConfig.from(lines);
        ServeConfig defaults = ServeConfig.from(Map.of());
        assertThat(fromExample.relay()).isEqualTo(defaults.relay());
        assertThat(fromExample.rates()).isEqualTo(defaults.rates());
        assertThat(fromExample.databasePath()).isEqualTo(defaults.databasePath());
        assertThat(fromExample.lanes()).isEqualTo(defaults.lanes());
        assertThat(fromExample.database()).isEqualTo(defaults.database());
        assertThat(fromExample.names()).isEqualTo(defaults.names());
        assertThat(fromExample.ops()).usingRecursiveComparison().ignoringFields("adminTokenFile")
                .isEqualTo(defaults.ops());
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
