package org.nymdir.app;

import org.nymdir.app.client.ClientCommand;
import org.nymdir.app.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nymdir} command: one entry point, one subcommand per job. */
@Command(name = "nymdir", mixinStandardHelpOptions = true, version = "nymdir " + Main.VERSION,
        description = "A pseudonymous directory and message relay for chat on the Nym mixnet.",
        subcommands = {ServeCommand.class, AdminCommand.class, SimCommand.class, ClientCommand.class, DemoCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "The load tools are a separate jar: ./nymdir bench --help, ./nymdir soak --help."})
public final class Main {
    /** The version {@code --version} and {@code admin status} report. */
    public static final String VERSION = "0.1.0";

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree; tests execute commands through it exactly as the launcher does. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }
}
