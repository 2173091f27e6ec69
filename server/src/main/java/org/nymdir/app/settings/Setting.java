package org.nymdir.app.settings;

import java.util.Objects;

/**
 * One setting, declared once: the variable that sets it (the original server's name, or {@code NYMDIR_...}),
 * the flag that overrides it, its default, one line on what it means, and how its text becomes a value. From
 * this one declaration come the command-line option, its {@code --help} line, and the error message for a bad
 * value, which always names the variable.
 *
 * @param name         the variable, e.g. {@code NYMDIR_MAILBOX_TTL}
 * @param flag         the flag, e.g. {@code --mailbox-ttl}; null for a setting read from the environment only
 * @param label        what the value is, for help: {@code DURATION}, {@code FILE}, ...
 * @param defaultValue the value when none is given, as text (parsed like a given one); null when the default is
 *                     derived from other settings or absent, which {@code help} then says
 * @param help         what it does, one line, without the default
 * @param parser       text to value; throws {@link IllegalArgumentException} saying what is wrong and what is meant
 * @param secret       never shown: not in messages, not as a flag (a flag is visible to anyone listing processes)
 * @param <T>          the value's type
 */
public record Setting<T>(String name, String flag, String label, String defaultValue, String help, Parser<T> parser,
                         boolean secret) {

    /** Text to value. */
    @FunctionalInterface
    public interface Parser<T> {
        /** The value; {@link IllegalArgumentException} with a reason when the text does not make one. */
        T parse(String text);
    }

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(parser, "parser");
        if (!name.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("not a variable name: " + name);
        }
        if (flag != null && (secret || !flag.matches("--[a-z][a-z0-9-]*"))) {
            throw new IllegalArgumentException(name + ": a secret has no flag, a flag is --lower-case: " + flag);
        }
    }

    /** A setting with a flag. */
    public static <T> Setting<T> of(String name, String flag, String label, String defaultValue, String help,
                                    Parser<T> parser) {
        return new Setting<>(name, flag, label, defaultValue, help, parser, false);
    }

    /** A setting read from the environment only, whose value is never shown. */
    public static <T> Setting<T> secret(String name, String label, String help, Parser<T> parser) {
        return new Setting<>(name, null, label, null, help, parser, true);
    }

    /** The line {@code --help} shows: variable, meaning, default. */
    public String helpLine() {
        return name + ": " + help + (defaultValue == null ? "" : " (default " + defaultValue + ")");
    }

    @Override
    public String toString() {
        return name;
    }
}
