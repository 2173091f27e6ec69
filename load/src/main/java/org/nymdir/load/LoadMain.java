package org.nymdir.load;

import org.nymdir.load.bench.BenchCommand;
import org.nymdir.load.soak.SoakCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The load tools' entry point ({@code nymdir bench}, {@code nymdir soak}; the launcher sends those two commands
 * here). They start a local mixnet and a directory and load them from outside, so they live in a module of their
 * own and never ship in the server's jar.
 */
@Command(name = "nymdir", mixinStandardHelpOptions = true, version = "nymdir load tools 0.1.0",
        description = "Load tools for a nymdir directory: benchmark and soak through the local mixnet.",
        subcommands = {BenchCommand.class, SoakCommand.class, CommandLine.HelpCommand.class})
public final class LoadMain {
    private LoadMain() {
        // picocli's command object for the top level; only commandLine() makes one
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The load tools' command tree; tests execute commands through it exactly as the launcher does. */
    public static CommandLine commandLine() {
        return new CommandLine(new LoadMain());
    }
}
