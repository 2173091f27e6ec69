package org.nymdir;

import org.nymdir.app.FatalErrors;
import org.nymdir.app.ServeCommand;
import org.nymdir.app.SimCommand;
import org.nymdir.app.client.ClientCommand;
import org.nymdir.app.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nymdir} command: one entry point, one subcommand per job. It sits above every package (nothing
 * depends on it), so the command packages under {@code app} can share {@code app}'s wiring without a cycle.
 */
@Command(name = "nymdir", mixinStandardHelpOptions = true, version = "nymdir 0.1.0",
        description = "A pseudonymous directory and message relay for chat on the Nym mixnet.",
        subcommands = {ServeCommand.class, SimCommand.class, ClientCommand.class, DemoCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "The load tools are a separate jar: ./nymdir bench --help, ./nymdir soak --help."})
public final class Main {
    public static void main(String[] args) {
        FatalErrors.install();
        System.exit(commandLine().execute(args));
    }

    /** The full command tree; tests execute commands through it exactly as the launcher does. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }
}
