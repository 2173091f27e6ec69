package org.nymdir.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nymdir.app.settings.ClientSettings;
import org.nymdir.app.settings.DotEnv;
import org.nymdir.app.settings.Setting;
import org.nymdir.app.settings.SettingException;
import org.nymdir.app.settings.SettingOptions;
import org.nymdir.app.settings.UnknownNames;
import org.nymdir.app.settings.Variables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.nymdir.app.settings.ServeSettings;

/**
 * How a directory is configured, the same for every command that runs one: the environment, then the
 * {@code .env} file on top (it wins, as it did in the original server), then one flag per setting of
 * {@link ServeSettings}. A picocli mixin: {@code @Mixin DirectoryOptions directory;}.
 */
@Command(modelTransformer = SettingOptions.Transformer.class)
public final class DirectoryOptions implements SettingOptions.Holder {
    /** Every setting of every command: a name among these is not a typo wherever it is set. */
    private static final Set<String> KNOWN = Stream.concat(ServeSettings.ALL.stream(), ClientSettings.ALL.stream())
            .map(Setting::name).collect(Collectors.toUnmodifiableSet());

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "the .env file to read, which must exist (default ./.env, if there is one; /dev/null for"
                    + " none)")
    Path envFile;

    private final SettingOptions flags = new SettingOptions(ServeSettings.ALL);

    /**
     * The settings as given; what the operator should be told about them; and the lines of the .env file that
     * must stop the start (the variables hold the file's other lines, so that the log file is known to report
     * them in).
     */
    public record Loaded(Variables variables, List<String> warnings, List<SettingException> problems) {
        public Loaded {
            warnings = List.copyOf(warnings);
            problems = List.copyOf(problems);
        }
    }

    @Override
    public SettingOptions settingOptions() {
        return flags;
    }

    /**
     * The environment, the .env file over it, the flags over both; warnings for names that are no setting.
     *
     * @throws SettingException when the file is missing (if named) or unreadable
     */
    public Loaded load() {
        Variables environment = Variables.environment();
        DotEnv file = DotEnv.read(envFile != null ? envFile : Path.of(".env"), envFile != null, ServeSettings.ALL,
                environment);
        List<String> warnings = new ArrayList<>(file.warnings());
        warnings.addAll(UnknownNames.warnings(environment.asMap(), file.values(), KNOWN));
        return new Loaded(environment.overlay(file.values()).overlay(flags.given()), warnings, file.problems());
    }
}
