package org.nymdir.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Log levels for commands that talk to people rather than run as services. */
public final class Logging {
    private Logging() {}

    /**
     * Client and demo commands print their own clear messages on stdout and stderr; the services' INFO lines
     * and the link's reconnect warnings would only repeat them. {@code NYMDIR_LOG_LEVEL} still wins.
     */
    public static void quietForCommands() {
        if (System.getenv("NYMDIR_LOG_LEVEL") != null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
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
        if (System.getenv("NYMDIR_LOG_LEVEL") == null && LoggerFactory.getILoggerFactory() instanceof LoggerContext c) {
            c.getLogger(loggerName).setLevel(Level.ERROR);
        }
    }
}
