package org.nymdir.app.settings;

/**
 * A setting that cannot be used, said in one line an operator can act on: the variable, its value (unless
 * it is a secret), where it was set, what is wrong and what is meant. Start-up stops on it, before any side
 * effect.
 */
public final class SettingException extends IllegalArgumentException {
    private static final int MAX_SHOWN = 120;

    private final String setting;

    /** A value of {@code setting} that does not parse; {@code reason} says why and what is meant. */
    public SettingException(Setting<?> setting, Variables.Value value, String reason) {
        super(setting.name() + (setting.secret() ? "" : "=" + shown(value.text())) + " (" + value.origin() + ") "
                + reason);
        this.setting = setting.name();
    }

    /** A problem that is not one setting's value, such as a line of the .env file; {@code message} says all. */
    public SettingException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The variable (or flag) at fault. */
    public String setting() {
        return setting;
    }

    /**
     * The value as it can safely go into a log line: control characters escaped (a value must not be able to
     * forge log lines), long ones cut.
     */
    static String shown(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < MAX_SHOWN; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.length() < MAX_SHOWN ? b.toString() : b + "...";
    }
}
