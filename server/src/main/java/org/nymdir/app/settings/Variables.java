package org.nymdir.app.settings;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings as given, each with where it came from, layered: the environment, then the {@code .env} file, then
 * flags (each layer wins over the one before). Values are parsed when asked for, by their {@link Setting}; a
 * text that does not parse is a {@link SettingException} naming the variable and where it was set.
 *
 * <p>{@link #environment()} is the one place the process environment is read for settings.
 */
public final class Variables {
    /** A setting's text and where it was given: {@code environment}, {@code .env line 3}, {@code --database}. */
    public record Value(String text, String origin) {
    }

    private final Map<String, Value> values;

    private Variables(Map<String, Value> values) {
        this.values = Map.copyOf(values);
    }

    /** No settings given: every setting at its default. */
    public static Variables none() {
        return new Variables(Map.of());
    }

    /** The process environment. */
    public static Variables environment() {
        return of(System.getenv(), "environment");
    }

    /** Plain {@code NAME=text} pairs, all from {@code origin}. */
    public static Variables of(Map<String, String> texts, String origin) {
        Map<String, Value> values = new HashMap<>();
        texts.forEach((name, text) -> values.put(name, new Value(text, origin)));
        return new Variables(values);
    }

    /** These variables with {@code layer}'s on top: where both have a name, {@code layer}'s value wins. */
    public Variables overlay(Map<String, Value> layer) {
        Map<String, Value> merged = new HashMap<>(values);
        merged.putAll(layer);
        return new Variables(merged);
    }

    /** With one variable set (or replaced) from {@code origin}. */
    public Variables with(String name, String text, String origin) {
        return overlay(Map.of(name, new Value(text, origin)));
    }

    /** The setting's value: as given, else its default (null when it has none). */
    public <T> T get(Setting<T> setting) {
        Value given = values.get(setting.name());
        if (given != null) {
            return parse(setting, given);
        }
        return setting.defaultValue() == null ? null
                : parse(setting, new Value(setting.defaultValue(), "default"));
    }

    /** The setting's value if it was given; its default does not count. */
    public <T> Optional<T> given(Setting<T> setting) {
        Value given = values.get(setting.name());
        return given == null ? Optional.empty() : Optional.ofNullable(parse(setting, given));
    }

    /** The text and origin of a variable, if given. */
    public Optional<Value> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public Set<String> names() {
        return values.keySet();
    }

    /** Every variable given, by name. */
    public Map<String, Value> asMap() {
        return values;
    }

    private static <T> T parse(Setting<T> setting, Value value) {
        try {
            return setting.parser().parse(value.text());
        } catch (IllegalArgumentException e) {
            throw new SettingException(setting, value, e.getMessage());
        }
    }
}
