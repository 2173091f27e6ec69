package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nymdir.app.settings.ClientSettings;
import org.nymdir.app.settings.Setting;
import org.nymdir.app.settings.ServeSettings;

/** Every setting, of serve and of the client, has its row in README's configuration tables. */
class SettingsDocumentedTest {
    @Test
    void readmeListsEverySettingWithItsFlag() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String configuration = readme.substring(readme.indexOf("### Configuration"),
                readme.indexOf("### Files it reads and writes"));
        List<Setting<?>> all = new ArrayList<>(ServeSettings.ALL);
        all.addAll(ClientSettings.ALL);
        for (Setting<?> setting : all) {
            boolean limit = setting.name().startsWith("NYMDIR_LIMIT_");
            // the rate limits share one row (NYMDIR_LIMIT_<NAME>) and have their own table below
            String row = limit ? "| `NYMDIR_LIMIT_<NAME>` | `--limit-<name>` |"
                    : "| `" + setting.name() + "` | " + (setting.flag() == null ? "(none" : "`" + setting.flag() + "`");
            assertThat(configuration).as(setting.name()).contains(row);
            if (limit) {
                assertThat(readme).as(setting.name()).contains("| `" + setting.name() + "` |");
            }
        }
    }
}
