package org.nymdir.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nymdir.store.PrivateFiles;
import org.slf4j.LoggerFactory;
import org.nymdir.app.settings.ServeSettings;

/** Adds the operator's log file (LOG_FILE_PATH) to the console log at start. */
public final class LogFiles {
    private LogFiles() {
    }

    /** Appends the log to {@code file} from now on; refuses, naming the setting, when it cannot be written. */
    static void appendTo(Path file) throws CannotStart {
        try {
            // 0600 in a 0700 folder, whatever the umask: the log names users' actions (never their tags)
            PrivateFiles.createFile(file);
            // logback would only report an unwritable file on its status console and log nowhere
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        } catch (IOException e) {
            throw new CannotStart(ServeSettings.LOG_FILE_PATH.name() + "=" + file + ": cannot append to it ("
                    + e + "); check the folder's owner and mode, or name another file", e);
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("LOG_FILE_PATH");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        // Off the request path like the console: a file appender writes (and flushes) each line under its
        // own lock, which would make every request thread wait for every other one's log line.
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("LOG_FILE_PATH_ASYNC");
        async.setQueueSize(8192);
        async.setDiscardingThreshold(0);
        async.addAppender(appender);
        async.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(async);
    }

    /** Flushes and stops logging (asynchronous appenders included); the last thing a stopping process does. */
    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
