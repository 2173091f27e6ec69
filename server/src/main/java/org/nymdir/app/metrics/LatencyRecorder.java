package org.nymdir.app.metrics;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds, recorded from any number of threads, on HdrHistogram: two significant digits
 * (every reported value within 1 % of the true one) from 1 us to an hour, in fixed memory (about 30 KiB);
 * longer waits are recorded as an hour. Readers take {@link #snapshot()}s and subtract an earlier one to get
 * an interval's latencies ({@link Histogram#subtract}).
 */
public final class LatencyRecorder {
    /** The longest latency told apart: an hour, in microseconds. */
    public static final long HIGHEST_MICROS = 3_600_000_000L;
    static final int SIGNIFICANT_DIGITS = 2;

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);

    public void recordMicros(long micros) {
        histogram.recordValue(Math.clamp(micros, 0, HIGHEST_MICROS));
    }

    public void recordNanos(long nanos) {
        recordMicros(nanos / 1000);
    }

    /** A copy of what was recorded so far; values recorded meanwhile may or may not be in it. */
    public Histogram snapshot() {
        Histogram copy = empty();
        copy.add(histogram);
        return copy;
    }

    /** An empty histogram of the same range and precision, e.g. to add readings into. */
    public static Histogram empty() {
        return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }
}
