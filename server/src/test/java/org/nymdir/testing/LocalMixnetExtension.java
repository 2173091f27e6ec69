package org.nymdir.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.nymdir.sim.Faults;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;

/**
 * The local mixnet on OS-chosen ports, its state in a temporary folder, for tests that speak the nym-client
 * API themselves.
 *
 * <pre>{@code
 * @RegisterExtension
 * final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build(); // one per test
 *
 * @Test
 * void holds() throws Exception {
 *     LocalMixnet sim = mixnet.start(b -> b.holdLimit(3)); // or mixnet.sim(): the builder's settings
 *     try (WsPeer alice = WsPeer.connect(sim.clientUrl("alice"))) { ... }
 * }
 * }</pre>
 *
 * The mixnet starts when a test first asks for it ({@link #sim()}), or with settings of its own
 * ({@link #start}); it stops after the test, or after the class when the extension is in a {@code static}
 * field (see {@link ScopedExtension}).
 */
public final class LocalMixnetExtension extends ScopedExtension {
    private final UnaryOperator<SimConfig.Builder> settings;
    private LocalMixnet sim;
    private SimConfig config;

    private LocalMixnetExtension(UnaryOperator<SimConfig.Builder> settings) {
        super("nymdir-sim-");
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The mixnet's settings for every test of the extension. */
    public static final class Builder {
        private UnaryOperator<SimConfig.Builder> settings = UnaryOperator.identity();

        private Builder() {
        }

        /** Any mixnet setting; the default is nym-client's realistic SURB accounting, no faults. */
        public Builder sim(UnaryOperator<SimConfig.Builder> more) {
            settings = then(settings, more);
            return this;
        }

        public Builder faults(Faults faults) {
            return sim(b -> b.faults(faults));
        }

        public LocalMixnetExtension build() {
            return new LocalMixnetExtension(settings);
        }
    }

    static UnaryOperator<SimConfig.Builder> then(UnaryOperator<SimConfig.Builder> first,
                                                 UnaryOperator<SimConfig.Builder> second) {
        return b -> second.apply(first.apply(b));
    }

    /** The mixnet, started with the extension's settings if no test started it yet. */
    public synchronized LocalMixnet sim() {
        return sim != null ? sim : start(UnaryOperator.identity());
    }

    /**
     * Starts the mixnet with the extension's settings and {@code more} on top (a seed, faults, limits for
     * this one test).
     *
     * @throws IllegalStateException if it runs already
     */
    public synchronized LocalMixnet start(UnaryOperator<SimConfig.Builder> more) {
        if (sim != null) {
            throw new IllegalStateException("the local mixnet runs already");
        }
        return start(then(settings, more).apply(SimConfig.ephemeral(stateDir()).toBuilder()).build());
    }

    /** Stops the mixnet and starts it again as it was, on the same state folder: the same addresses. */
    public synchronized LocalMixnet restart() {
        if (sim == null) {
            throw new IllegalStateException("the local mixnet has not started yet");
        }
        sim.close();
        sim = null;
        return start(config);
    }

    private LocalMixnet start(SimConfig c) {
        try {
            sim = LocalMixnet.start(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config = c;
        return sim;
    }

    /** Where the mixnet keeps its addresses. */
    public Path stateDir() {
        return folder();
    }

    @Override
    synchronized void stop() {
        if (sim != null) {
            sim.close();
            sim = null;
        }
    }
}
