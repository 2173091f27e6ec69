package org.nymdir.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * The local mixnet's fault knobs, all off by default, adjustable while it runs. With a seed
 * ({@link SimConfig#seed()}) every loss and delay draw is reproducible.
 *
 * @param latency fixed one-way delay added to every message
 * @param jitter mean of an exponential extra delay, drawn independently per message, so messages reorder
 *     naturally (capped at 10 times the mean)
 * @param loss probability that a message (send, sendAnonymous or reply) silently never arrives
 * @param maxMessageBytes frames larger than this get an {@code error} response instead of being sent; 0 = no limit
 *     beyond {@link SimConfig#maxFrameBytes()}
 */
public record Faults(Duration latency, Duration jitter, double loss, int maxMessageBytes) {
    public static final Faults NONE = new Faults(Duration.ZERO, Duration.ZERO, 0, 0);

    public Faults {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(jitter, "jitter");
        if (latency.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("latency and jitter must not be negative");
        }
        if (!(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("loss must be a probability between 0 and 1, got " + loss);
        }
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("maxMessageBytes must not be negative");
        }
    }

    public Faults withLatency(Duration d) {
        return new Faults(d, jitter, loss, maxMessageBytes);
    }

    public Faults withJitter(Duration d) {
        return new Faults(latency, d, loss, maxMessageBytes);
    }

    public Faults withLoss(double p) {
        return new Faults(latency, jitter, p, maxMessageBytes);
    }

    public Faults withMaxMessageBytes(int n) {
        return new Faults(latency, jitter, loss, n);
    }
}
