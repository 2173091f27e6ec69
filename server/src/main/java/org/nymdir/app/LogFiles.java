package org.nymdir.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nymdir.store.PrivateFiles;
import org.slf4j.LoggerFactory;
import org.nymdir.app.settings.ServeSettings;

/**
 * Adds the operator's log file (LOG_FILE_PATH) to the console log at start. Rotation is built in: past
 * {@code maxBytes} the file becomes {@code FILE.1} (and {@code FILE.1} becomes {@code FILE.2}, up to {@code keep}
 * files). With rotation off ({@code maxBytes == 0}) an outside tool such as logrotate may move the file and send
 * SIGHUP: {@link #reopen()} then continues in a new file at the configured path.
 */
public final class LogFiles {
    private static volatile FileAppender<ILoggingEvent> current;

    private LogFiles() {
    }

    /**
     * Appends the log to {@code file} from now on, rotating past {@code maxBytes} (0: never) and keeping
     * {@code keep} old files; refuses, naming the setting, when it cannot be written.
     */
    static void appendTo(Path file, long maxBytes, int keep) throws CannotStart {
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
        FileAppender<ILoggingEvent> appender = maxBytes > 0 ? rolling(context, file, maxBytes, keep)
                : new FileAppender<>();
        appender.setContext(context);
        appender.setName("LOG_FILE_PATH");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        current = appender;
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

    private static RollingFileAppender<ILoggingEvent> rolling(LoggerContext context, Path file, long maxBytes,
                                                              int keep) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setFile(file.toString()); // the policy reads it at start
        FixedWindowRollingPolicy policy = new FixedWindowRollingPolicy();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file + ".%i");
        policy.setMinIndex(1);
        policy.setMaxIndex(Math.max(1, keep));
        policy.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(maxBytes));
        trigger.start();
        appender.setRollingPolicy(policy);
        appender.setTriggeringPolicy(trigger);
        return appender;
    }

    /**
     * Closes the log file and opens it again at its configured path (SIGHUP after logrotate moved it). Done
     * under the appender's own lock, so no line is lost or split between the old file and the new one.
     */
    static void reopen() {
        FileAppender<ILoggingEvent> appender = current;
        if (appender == null) {
            return;
        }
        try {
            appender.openFile(appender.getFile());
            LoggerFactory.getLogger(LogFiles.class).info("log file reopened (SIGHUP)");
        } catch (IOException e) {
            LoggerFactory.getLogger(LogFiles.class).error("cannot reopen the log file {}: {}", appender.getFile(),
                    e.toString());
        }
    }

    /** Flushes and stops logging (asynchronous appenders included); the last thing a stopping process does. */
    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
