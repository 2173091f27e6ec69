package org.nymdir.app.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.nymdir.app.Logging;
import org.nymdir.app.WorkFolder;
import org.nymdir.sim.Faults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nymdir demo}: the whole system in one process, one checked step at a time. Exit 0 only if all passed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a local mixnet, a directory on a temporary SQLite database and two clients in this"
                + " process; register, log in, look up, message each way through the directory, hand-shake, and"
                + " message directly. Prints a transcript; exits 0 only if every step succeeded.",
            "Needs no nym-client and no network: everything listens on loopback ports chosen by the system."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--latency-ms", defaultValue = "25", description = "One-way mixnet delay (default ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--jitter-ms", defaultValue = "15",
            description = "Mean extra random delay per message (default ${DEFAULT-VALUE}).")
    long jitterMs;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Longest wait for any one reply or message (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Work in DIR and keep it (database, keys, logs); default: a temporary folder, deleted.")
    Path keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (latencyMs < 0 || jitterMs < 0 || timeoutSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "latency and jitter must not be negative, the timeout at least 1 s");
        }
        Logging.quietForCommands();
        Faults faults = Faults.NONE.withLatency(Duration.ofMillis(latencyMs)).withJitter(Duration.ofMillis(jitterMs));
        try (WorkFolder work = WorkFolder.keptOrTemporary(keep, "nymdir-demo-")) {
            boolean ok = new Demo(spec.commandLine().getOut(), faults, Duration.ofSeconds(timeoutSeconds))
                    .run(work.path());
            return ok ? 0 : 1;
        }
    }
}
