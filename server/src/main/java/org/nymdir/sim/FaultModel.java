package org.nymdir.sim;

import java.util.Random;

/**
 * The random part of the fault knobs. Every message takes exactly two draws from one seeded generator, loss then
 * jitter, whatever the knobs are set to; so with the same seed and the same sequence of messages, the same
 * messages are lost and delayed by the same amounts. Used only on the simulator's loop thread.
 */
final class FaultModel {
    /** An exponential delay is cut at this many times its mean, so no message waits unboundedly. */
    static final int JITTER_CAP = 10;

    private final Random random;

    FaultModel(long seed) {
        this.random = new Random(seed);
    }

    /** The fate of one message under the given knobs. */
    record Fate(boolean lost, long delayNanos) {
    }

    Fate next(Faults faults) {
        double lossDraw = random.nextDouble();
        double jitterDraw = random.nextDouble();
        long mean = faults.jitter().toNanos();
        long jitter = mean == 0 ? 0 : (long) Math.min(-mean * Math.log(1 - jitterDraw), (double) JITTER_CAP * mean);
        return new Fate(lossDraw < faults.loss(), faults.latency().toNanos() + jitter);
    }
}
