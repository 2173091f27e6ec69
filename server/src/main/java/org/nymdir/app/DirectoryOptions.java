package org.nymdir.app;

import java.io.IOException;
import java.nio.file.Path;
import org.nymdir.app.settings.DotEnv;
import org.nymdir.app.settings.SettingOptions;
import org.nymdir.app.settings.Variables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How a directory is configured, the same for every command that runs one: the environment, then the
 * {@code .env} file on top (it wins, as it did in the original server), then one flag per setting of
 * {@link ServeSettings}. A picocli mixin: {@code @Mixin DirectoryOptions directory;}.
 */
@Command(modelTransformer = SettingOptions.Transformer.class)
public final class DirectoryOptions implements SettingOptions.Holder {
    @Option(names = "--env-file", paramLabel = "FILE",
            description = "the .env file to read (default ./.env, if there is one)")
    Path envFile;

    private final SettingOptions flags = new SettingOptions(ServeSettings.ALL);

    @Override
    public SettingOptions settingOptions() {
        return flags;
    }

    /** The settings as given: the environment, the .env file over it, the flags over both. */
    public Variables variables() throws IOException {
        Path file = envFile != null ? envFile : Path.of(".env");
        return Variables.environment().overlay(DotEnv.read(file)).overlay(flags.given());
    }
}
