package org.nymdir.app.client;

import java.net.URI;
import java.nio.file.Path;
import org.nymdir.app.settings.SettingOptions;
import org.nymdir.app.settings.Variables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.nymdir.app.settings.ClientSettings;

/**
 * The options every {@code nymdir client} command takes: the {@link ClientSettings} (each a variable for
 * scripts, and a flag that wins over it), and two plain flags. A picocli mixin.
 */
@Command(modelTransformer = SettingOptions.Transformer.class)
final class ClientOptions implements SettingOptions.Holder {
    private final SettingOptions settings = new SettingOptions(ClientSettings.ALL);

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for each reply from the directory (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--json", description = "One JSON object per line on stdout (errors: one on stderr).")
    boolean json;

    @Override
    public SettingOptions settingOptions() {
        return settings;
    }

    URI nymUrl() {
        return values().get(ClientSettings.NYM_URL);
    }

    String directory() {
        return values().get(ClientSettings.DIRECTORY).strip();
    }

    /** Null when not given. */
    Path directoryKey() {
        return values().get(ClientSettings.DIRECTORY_KEY);
    }

    Path keysDir() {
        return values().get(ClientSettings.KEYS_DIR);
    }

    /** Null when not given. */
    Path passphraseFile() {
        return values().get(ClientSettings.PASSPHRASE_FILE);
    }

    /** Null when not given. */
    String passphrase() {
        return values().get(ClientSettings.KEY_PASSPHRASE);
    }

    private Variables values() {
        return Variables.environment().overlay(settings.given());
    }
}
