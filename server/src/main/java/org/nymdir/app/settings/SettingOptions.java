package org.nymdir.app.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flags of a list of settings, made from their declarations: one option per setting that has a flag,
 * taking the text as given (it is parsed with the other layers, so a bad flag fails like a bad variable);
 * settings without a flag are listed under the options.
 *
 * <p>A picocli mixin that implements {@link Holder} and names {@link Transformer} as its
 * {@code @Command(modelTransformer)} brings these options to every command that mixes it in (picocli hands a
 * mixin's transformer to a host command that has none of its own).
 */
public final class SettingOptions {
    /** A mixin whose settings become options of its host command. */
    public interface Holder {
        SettingOptions settingOptions();
    }

    /** Adds the options of every {@link Holder} mixin of a command. */
    public static final class Transformer implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            for (CommandSpec mixin : command.mixins().values()) {
                if (mixin.userObject() instanceof Holder holder) {
                    holder.settingOptions().addTo(command);
                }
            }
            return command;
        }
    }

    private final List<Setting<?>> settings;
    private final Map<String, Variables.Value> given = new LinkedHashMap<>();

    public SettingOptions(List<? extends Setting<?>> settings) {
        this.settings = List.copyOf(settings);
    }

    /** The flags given on this command line, by variable name. */
    public Map<String, Variables.Value> given() {
        return Map.copyOf(given);
    }

    void addTo(CommandSpec command) {
        List<String> environmentOnly = new ArrayList<>();
        for (Setting<?> setting : settings) {
            if (setting.flag() == null) {
                environmentOnly.add("  " + setting.helpLine());
                continue;
            }
            command.addOption(OptionSpec.builder(setting.flag()).paramLabel(setting.label()).type(String.class)
                    .arity("1").description(setting.helpLine()).setter(new ISetter() {
                        @Override
                        public <T> T set(T value) {
                            // picocli resets every option to null before it parses; a flag given sets the text
                            if (value == null) {
                                given.remove(setting.name());
                            } else {
                                given.put(setting.name(), new Variables.Value((String) value, setting.flag()));
                            }
                            return null;
                        }
                    }).build());
        }
        if (!environmentOnly.isEmpty()) {
            List<String> footer = new ArrayList<>(List.of(command.usageMessage().footer()));
            footer.add("");
            footer.add("From the environment only (never a flag: others could read it in the process list):");
            footer.addAll(environmentOnly);
            command.usageMessage().footer(footer.toArray(String[]::new));
        }
    }
}
