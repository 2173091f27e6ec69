package org.nymdir.app.settings;

import ch.qos.logback.classic.Level;
import java.util.Locale;

/** The log level, a setting of every command. */
public final class LogSettings {
    public static final Setting<Level> LEVEL = Setting.of("NYMDIR_LOG_LEVEL", "--log-level", "LEVEL", "INFO",
            "TRACE, DEBUG, INFO, WARN, ERROR or OFF", LogSettings::parseLevel);

    private LogSettings() {
    }

    /** Logback's own parser turns any unknown word into DEBUG; a typo must not do that silently. */
    private static Level parseLevel(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT);
        Level level = Level.toLevel(name, null);
        if (level == null || !name.equals(level.toString())) {
            throw new IllegalArgumentException("must be TRACE, DEBUG, INFO, WARN, ERROR or OFF");
        }
        return level;
    }
}
