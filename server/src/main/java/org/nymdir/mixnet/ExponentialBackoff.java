package org.nymdir.mixnet;

import java.time.Duration;
import java.util.Objects;

/**
 * A pause that doubles with each failure in a row, from {@code min} up to {@code max}: quick when the
 * nym-client is about to come up, one attempt per {@code max} while it stays away. It waits in real time
 * ({@link Thread#sleep}): a pause is a duration, not a decision on the clock.
 */
public record ExponentialBackoff(Duration min, Duration max) implements ReconnectBackoff {
    /** The link's default: 100 ms, 200 ms, 400 ms, ... at most 5 s between attempts. */
    public static final ExponentialBackoff DEFAULT = new ExponentialBackoff(Duration.ofMillis(100),
            Duration.ofSeconds(5));

    public ExponentialBackoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max");
        }
    }

    /** The pause after {@code failures} failed attempts in a row (1 or more): {@code min * 2^(failures-1)}, capped. */
    public Duration delay(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1");
        }
        Duration d = min;
        for (int i = 1; i < failures && d.compareTo(max) < 0; i++) { // stops at max: a few dozen rounds at most
            d = d.compareTo(max.dividedBy(2)) > 0 ? max : d.multipliedBy(2); // never past max, so never overflows
        }
        return d;
    }

    @Override
    public void pause(int failures) throws InterruptedException {
        Thread.sleep(delay(failures));
    }
}
