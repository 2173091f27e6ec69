package org.nymdir.app;

import picocli.CommandLine.Command;

/** {@code nymdir admin}: operator tasks on a directory's data, beside {@code serve}. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Operator tasks on a directory's data.",
        subcommands = {MigrateCommand.class})
public final class AdminCommand {
}
