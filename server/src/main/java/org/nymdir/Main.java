package org.nymdir;

import org.nymdir.app.AdminCommand;
import org.nymdir.app.CannotStart;
import org.nymdir.app.FatalErrors;
import org.nymdir.app.LogFiles;
import org.nymdir.app.ServeCommand;
import org.nymdir.app.SimCommand;
import org.nymdir.app.client.ClientCommand;
import org.nymdir.app.demo.DemoCommand;
import org.nymdir.app.ops.BuildInfo;
import org.nymdir.app.settings.SettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nymdir} command: one entry point, one subcommand per job. It sits above every package (nothing
 * depends on it), so the command packages under {@code app} can share {@code app}'s wiring without a cycle.
 */
@Command(name = "nymdir", mixinStandardHelpOptions = true, version = "nymdir " + BuildInfo.VERSION,
        description = "A pseudonymous directory and message relay for chat on the Nym mixnet.",
        subcommands = {ServeCommand.class, SimCommand.class, ClientCommand.class, DemoCommand.class,
            AdminCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "The load tools are a separate jar: ./nymdir bench --help, ./nymdir soak --help."})
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
        // picocli's command object for the top level; only commandLine() makes one
    }

    public static void main(String[] args) {
        FatalErrors.install();
        int status = commandLine().execute(args);
        LogFiles.stop(); // the last lines, such as why a start failed, are still in the asynchronous appenders
        System.exit(status);
    }

    /**
     * The full command tree; tests execute commands through it exactly as the launcher does. A command that
     * fails ends with one line on the log (stderr, and the log file once {@code serve} opened it) and exit status
     * 2 for a bad setting, 1 otherwise; the stack trace only at debug level.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, command, parsed) -> {
            String line = (e instanceof SettingException || e instanceof CannotStart
                    ? "cannot start: " + e.getMessage()
                    : "failed: " + e + " (NYMDIR_LOG_LEVEL=DEBUG shows where)").replaceAll("\\s*\\R\\s*", " ");
            if (log.isErrorEnabled()) {
                log.error(line);
            } else {
                command.getErr().println(line); // logging is off: the operator must still hear it
            }
            log.debug("stack trace", e);
            return e instanceof SettingException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
    }
}
