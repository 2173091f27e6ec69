package org.nymdir.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.nymdir.app.admin.AdminOps;
import org.nymdir.app.admin.BlockedUsers;
import org.nymdir.app.admin.LocalAdmin;
import org.nymdir.app.admin.RemoteAdmin;
import org.nymdir.app.ops.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nymdir admin}: day-2 operations, configured exactly like {@code serve} (environment, {@code .env},
 * the same flags). A running node is asked through its loopback control endpoint (found by the token file,
 * {@code NYMDIR_ADMIN_TOKEN_FILE}); when none answers, the command works on the database file directly.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operate a node: status, users (show, block, unblock, delete), backup, migrate to PostgreSQL."
                + " Works on a running node (through its control endpoint) and on a stopped one (on its store).",
        subcommands = {AdminCommand.Status.class, AdminCommand.User.class, AdminCommand.Backup.class,
            MigrateCommand.class})
public final class AdminCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AdminCommand() {
    }

    /** Runs {@code work} on the running node if one answers, else on the files; prints its result as JSON. */
    static int run(DirectoryOptions options, CommandSpec spec, Function<AdminOps, Object> work) throws IOException {
        Logging.quietForCommands();
        DirectoryOptions.Loaded loaded = options.load();
        if (!loaded.problems().isEmpty()) {
            throw loaded.problems().get(0);
        }
        loaded.warnings().forEach(spec.commandLine().getErr()::println);
        ServeConfig config = ServeConfig.from(loaded.variables());
        PrintWriter out = spec.commandLine().getOut();
        RemoteAdmin remote = RemoteAdmin.connect(config.ops().adminTokenFile());
        Object result;
        if (remote != null) {
            result = work.apply(remote);
        } else {
            if (config.database().postgres().isEmpty() && !Files.isRegularFile(config.databasePath())) {
                spec.commandLine().getErr().println("nymdir admin: no database at " + config.databasePath()
                        .toAbsolutePath() + " (DATABASE_PATH) and no running node (" + config.ops().adminTokenFile()
                        + ")");
                return 2;
            }
            try (StoreBackend store = StoreBackend.openForAdmin(config)) {
                result = work.apply(new LocalAdmin(BuildInfo.VERSION, store.stores(), store.admin(),
                        new BlockedUsers(store.admin(), Clock.systemUTC()), null, Clock.systemUTC(),
                        config.names().quarantine()));
            }
        }
        out.println(JSON.writeValueAsString(result));
        out.flush();
        return result instanceof AdminOps.Change c && !c.changed() ? 1 : 0;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Version, store, users, blocked users, mailbox messages and bytes, link state, and on"
                    + " PostgreSQL the nodes of the database (JSON).")
    static final class Status implements Callable<Integer> {
        @Mixin
        DirectoryOptions options = new DirectoryOptions();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return run(options, spec, AdminOps::status);
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "A consistent copy of the SQLite database (VACUUM INTO), also while the node runs; on"
                    + " PostgreSQL it says the pg_dump command to use instead.")
    static final class Backup implements Callable<Integer> {
        @Mixin
        DirectoryOptions options = new DirectoryOptions();
        @Spec
        CommandSpec spec;
        @Option(names = "--to", required = true, paramLabel = "FILE", description = "the new file (must not exist)")
        Path to;

        @Override
        public Integer call() throws IOException {
            return run(options, spec, ops -> ops.backup(to.toAbsolutePath()));
        }
    }

    @Command(name = "user", mixinStandardHelpOptions = true, description = "One user: show, block, unblock, delete.",
            subcommands = {User.Show.class, User.Block.class, User.Unblock.class, User.Delete.class})
    static final class User {
        /** The options and the name every user command takes. */
        abstract static class Named implements Callable<Integer> {
            @Mixin
            DirectoryOptions options = new DirectoryOptions();
            @Spec
            CommandSpec spec;
            @Parameters(paramLabel = "NAME", description = "the username")
            String name;

            abstract Object apply(AdminOps ops);

            @Override
            public Integer call() throws IOException {
                return run(options, spec, this::apply);
            }
        }

        @Command(name = "show", mixinStandardHelpOptions = true,
                description = "Registered or not, day last seen, waiting messages, acking, blocked (JSON).")
        static final class Show extends Named {
            @Override
            Object apply(AdminOps ops) {
                return ops.user(name);
            }
        }

        @Command(name = "block", mixinStandardHelpOptions = true,
                description = "The user can no longer log in, send or receive (replies: error: user blocked).")
        static final class Block extends Named {
            @Override
            Object apply(AdminOps ops) {
                return ops.block(name);
            }
        }

        @Command(name = "unblock", mixinStandardHelpOptions = true, description = "Lifts a block.")
        static final class Unblock extends Named {
            @Override
            Object apply(AdminOps ops) {
                return ops.unblock(name);
            }
        }

        @Command(name = "delete", mixinStandardHelpOptions = true,
                description = "Deletes the user and the mail waiting for them; the name becomes free.")
        static final class Delete extends Named {
            @Override
            Object apply(AdminOps ops) {
                return ops.delete(name);
            }
        }
    }
}
