package org.nymdir.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nymdir.app.settings.ServeSettings;
import org.nymdir.app.settings.Variables;
import org.nymdir.store.StoreException;
import org.nymdir.store.postgres.PostgresConfig;
import org.nymdir.store.postgres.PostgresDatabase;
import org.nymdir.store.postgres.SqliteImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nymdir admin migrate --to postgresql://...}: copies a stopped SQLite directory into an empty PostgreSQL
 * database (see {@link SqliteImport}), checks the counts, and says how to start the node on it. Reads the
 * same settings as {@code serve} (environment, {@code .env}, its flags: {@code --node-id},
 * {@code --database-password-file}, ...), so the defaults find the same files.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Copy this directory's SQLite database into an empty PostgreSQL database, with counted checks.")
public final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "postgresql://user@host:port/db (or jdbc:postgresql:...); a password in the URL or in "
                    + "--password-file")
    String to;
    @Option(names = "--from", paramLabel = "FILE", description = "the SQLite file (default DATABASE_PATH)")
    Path from;
    @Mixin
    DirectoryOptions directory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServeConfig config;
        PostgresConfig target;
        String node;
        try {
            Variables vars = directory.load().variables(); // the target is --to, whatever NYMDIR_DATABASE_URL says
            config = ServeConfig.from(vars);
            target = PostgresConfig.fromUrl(to, vars.given(ServeSettings.DATABASE_PASSWORD_FILE));
            Optional<String> given = config.database().nodeId();
            node = given.isPresent() ? given.get() : StoreBackend.loadOrCreateNodeId(config.nodeIdFile());
        } catch (IllegalArgumentException e) {
            err.println("nymdir admin migrate: " + e.getMessage());
            return 2;
        }
        Path source = from != null ? from : config.databasePath();
        out.printf("copying %s into %s (users homed at node %s)%n", source, target.displayUrl(), node);
        SqliteImport.Counts counts;
        try (PostgresDatabase db = PostgresDatabase.open(target.withPoolSize(2))) {
            counts = SqliteImport.copy(source, db, node);
        } catch (StoreException e) {
            err.println("nymdir admin migrate: " + e.getMessage());
            err.println("nothing was copied.");
            return 1;
        }
        out.printf("copied and checked: %s%n", counts);
        out.println("next:");
        out.println("  1. keep the SQLite node stopped (mail it accepted after this copy would not be in PostgreSQL)"
                + " and keep " + source + " as a backup;");
        out.println("  2. set NYMDIR_DATABASE_URL=" + PostgresConfig.redactedForDisplay(to)
                + " and NYMDIR_NODE_ID=" + node + " (a password in NYMDIR_DATABASE_PASSWORD_FILE) in its .env;");
        out.println("  3. start it with ./nymdir serve, on the same nym-client, KEYS_DIR and SECRET_PATH: its log"
                + " says 'store: postgresql ...' and the counts above;");
        out.println("  4. more nodes: copy KEYS_DIR and SECRET_PATH to each, give each its own nym-client and"
                + " NYMDIR_NODE_ID (README: Several nodes).");
        return 0;
    }
}
