package org.nymdir.load.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nymdir.app.Logging;
import org.nymdir.app.cli.MixnetFaults;
import org.nymdir.app.cli.WorkFolder;
import org.nymdir.sim.Faults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nymdir soak}: a bounded load through the local mixnet with delay and loss; nothing accepted may be lost. */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start a local mixnet with delay and loss, a directory on a temporary SQLite database and N"
                + " nymCHAT clients (which ack what they receive) in this process, and run a bounded mix of requests:"
                + " sends with unique texts, lookups, logins, reconnects and bad requests. Lost messages are recovered"
                + " as real clients recover them (a new client run and a login), then the accounts are printed:"
                + " accepted, delivered, stored, expired and lost = accepted - delivered - stored - expired.",
            "Exit 0: every request made and nothing lost; 1: something lost or answered wrongly; 3: nothing lost,"
                + " but the time limit came first. Loopback only; progress on stderr every 5 s."})
public final class SoakCommand implements Callable<Integer> {
    @Option(names = "--requests", defaultValue = "100000", description = "Requests to make (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--users", defaultValue = "48",
            description = "Clients, each its own user and worker: the concurrency (default ${DEFAULT-VALUE}).")
    int users;

    @Mixin
    MixnetFaults faults = new MixnetFaults(20, 20, 0.001);

    @Option(names = "--seed", description = "Seeds the mix of requests and the mixnet's loss and delay draws"
            + " (default: random, printed).")
    Long seed;

    @Option(names = "--max-minutes", defaultValue = "30",
            description = "Bound on the whole run; requests stop early enough to leave time for recovery"
                    + " (default ${DEFAULT-VALUE}).")
    double maxMinutes;

    @Option(names = "--reply-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "How long a client waits for each answer (default ${DEFAULT-VALUE}).")
    long replyTimeoutSeconds;

    @Option(names = "--limits", defaultValue = "raised",
            description = "The directory's rate limits: raised (far above the soak's load), default (the directory's"
                    + " own; refusals are counted) or off (default ${DEFAULT-VALUE}).")
    String limits;

    @Mixin
    WorkFolder work;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Soak.Limits limitMode = validate();
        Logging.quietForCommands();
        Logging.quiet("org.nymdir.app.Pipeline"); // it warns about each bad request the soak sends on purpose
        long seedValue = seed != null ? seed : new SecureRandom().nextLong();
        Faults mixnet = faults.faults();
        Soak.Settings settings = new Soak.Settings(requests, users, mixnet.latency(), mixnet.jitter(),
                mixnet.loss(), seedValue, Duration.ofMillis((long) (maxMinutes * 60_000)),
                Duration.ofSeconds(replyTimeoutSeconds), limitMode, Math.max(2, users / 12));
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        err.printf("soak: %d requests, %d users, seed %d%n", requests, users, seedValue);
        err.flush();
        Path workDir = work.open("nymdir-soak-");
        try {
            SoakResult result = new Soak(settings, err).run(workDir);
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                out.println(mapper.writeValueAsString(result.json(mapper)));
            } else {
                out.print(result.text());
            }
            out.flush();
            return result.exitCode();
        } finally {
            work.close(workDir);
        }
    }

    private Soak.Limits validate() {
        if (requests < 1 || users < 2 || users > 1000) {
            throw new ParameterException(spec.commandLine(), "--requests must be at least 1, --users 2 to 1000");
        }
        if (!(faults.faults().loss() < 0.5)) {
            throw new ParameterException(spec.commandLine(), "--loss must be below 0.5: the soak must finish");
        }
        if (!(maxMinutes > 0 && maxMinutes <= 24 * 60) || replyTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--max-minutes must be positive (at most a day), --reply-timeout at least 1 s");
        }
        try {
            return Soak.Limits.valueOf(limits.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--limits is raised, default or off");
        }
    }
}
