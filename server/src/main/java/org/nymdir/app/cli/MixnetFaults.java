package org.nymdir.app.cli;

import java.time.Duration;
import org.nymdir.sim.Faults;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The local mixnet's delay and loss as flags, the same for every command that starts one ({@code sim},
 * {@code demo}, {@code soak}). A picocli mixin; each command gives its own defaults:
 * {@code @Mixin MixnetFaults faults = new MixnetFaults(25, 15, 0);}.
 */
public final class MixnetFaults {
    @Option(names = "--latency-ms", paramLabel = "MS", description = "One-way mixnet delay (default ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--jitter-ms", paramLabel = "MS",
            description = "Mean of an exponential extra delay per message, so messages reorder"
                    + " (default ${DEFAULT-VALUE}).")
    long jitterMs;

    @Option(names = "--loss", paramLabel = "P",
            description = "Probability that a mixnet message is lost (default ${DEFAULT-VALUE}).")
    double loss;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** No delay, no loss. */
    public MixnetFaults() {
        this(0, 0, 0);
    }

    public MixnetFaults(long latencyMs, long jitterMs, double loss) {
        this.latencyMs = latencyMs;
        this.jitterMs = jitterMs;
        this.loss = loss;
    }

    /** The faults asked for; a usage error (exit 2) when a delay is negative or the loss no probability. */
    public Faults faults() {
        if (latencyMs < 0 || jitterMs < 0 || !(loss >= 0 && loss <= 1)) {
            throw new ParameterException(command.commandLine(),
                    "--latency-ms and --jitter-ms must not be negative, --loss must be from 0 to 1");
        }
        return new Faults(Duration.ofMillis(latencyMs), Duration.ofMillis(jitterMs), loss, 0);
    }
}
