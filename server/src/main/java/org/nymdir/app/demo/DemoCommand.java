package org.nymdir.app.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.nymdir.app.Logging;
import org.nymdir.app.cli.MixnetFaults;
import org.nymdir.app.cli.WorkFolder;
import org.nymdir.sim.Faults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Mixin
    MixnetFaults faults = new MixnetFaults(25, 15, 0);

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Longest wait for any one reply or message (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Mixin
    WorkFolder work;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Faults faults = this.faults.faults();
        if (timeoutSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1 s");
        }
        Logging.quietForCommands();
        Path workDir = work.open("nymdir-demo-");
        try {
            boolean ok = new Demo(spec.commandLine().getOut(), faults, Duration.ofSeconds(timeoutSeconds)).run(workDir);
            return ok ? 0 : 1;
        } finally {
            work.close(workDir);
        }
    }
}
