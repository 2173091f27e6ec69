package org.nymdir.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.nymdir.app.settings.LogSettings;
import org.nymdir.app.settings.Variables;
import org.slf4j.LoggerFactory;

/**
 * Log levels: {@code NYMDIR_LOG_LEVEL} for every command (for {@code serve} also from {@code .env} and
 * {@code --log-level}), and quieter defaults for commands that talk to people rather than run as services.
 */
public final class Logging {
    private Logging() {}

    /** Sets the root level. */
    public static void setLevel(Level level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
        }
    }

    /** Applies {@code NYMDIR_LOG_LEVEL} from the environment, if it is set; returns whether it was. */
    public static boolean levelFromEnvironment() {
        Level level = Variables.environment().given(LogSettings.LEVEL).orElse(null);
        if (level != null) {
            setLevel(level);
        }
        return level != null;
    }

    /**
     * Client and demo commands print their own clear messages on stdout and stderr; the services' INFO lines
     * and the link's reconnect warnings would only repeat them. {@code NYMDIR_LOG_LEVEL} still wins.
     */
    public static void quietForCommands() {
        if (levelFromEnvironment() || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getLevel() == null || !root.getLevel().isGreaterOrEqual(Level.WARN)) {
            root.setLevel(Level.WARN);
        }
        context.getLogger("org.nymdir.mixnet.NymClientLink").setLevel(Level.ERROR);
    }

    /** Only errors from {@code loggerName} (unless {@code NYMDIR_LOG_LEVEL} is set). */
    public static void quiet(String loggerName) {
        if (Variables.environment().value(LogSettings.LEVEL.name()).isEmpty()
                && LoggerFactory.getILoggerFactory() instanceof LoggerContext c) {
            c.getLogger(loggerName).setLevel(Level.ERROR);
        }
    }

}
