package org.nymdir.app.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size latency histogram in microseconds, cheap enough to record every request: one index computation
 * and one atomic increment, no allocation, no lock. Buckets are log-linear like HdrHistogram's: exact below
 * 64 us, then 32 buckets per power of two, so any reported value is within about 3 % of the true one.
 * Values from 0 to about 19 hours; larger ones land in the last bucket.
 */
public final class LatencyHistogram {
    static final int SUB_BITS = 5;
    static final int SUB = 1 << SUB_BITS; // buckets per power of two
    static final int LINEAR = 2 * SUB; // values below this have a bucket each
    public static final int BUCKETS = 1024;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Records one latency. Thread-safe, wait-free. */
    public void recordMicros(long micros) {
        counts.incrementAndGet(index(micros));
    }

    public void recordNanos(long nanos) {
        recordMicros(nanos / 1000);
    }

    /** A copy of the counts now; counts recorded meanwhile may or may not be in it. */
    public Snapshot snapshot() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
        }
        return new Snapshot(copy);
    }

    static int index(long v) {
        if (v < LINEAR) {
            return v < 0 ? 0 : (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS; // v >>> exponent is in [SUB, 2 * SUB)
        int i = LINEAR + (exponent - 1) * SUB + (int) ((v >>> exponent) - SUB);
        return Math.min(i, BUCKETS - 1);
    }

    /** The largest value that falls into bucket {@code i}: what percentiles report (never an understatement). */
    public static long upperBound(int i) {
        if (i < LINEAR) {
            return i;
        }
        int exponent = (i - LINEAR) / SUB + 1;
        long mantissa = (i - LINEAR) % SUB + SUB;
        return ((mantissa + 1) << exponent) - 1;
    }

    /** Immutable bucket counts; subtract an earlier snapshot to get the latencies of an interval. */
    public record Snapshot(long[] counts) {
        public Snapshot {
            if (counts.length != BUCKETS) {
                throw new IllegalArgumentException("expected " + BUCKETS + " buckets, got " + counts.length);
            }
            counts = counts.clone();
        }

        public static Snapshot empty() {
            return new Snapshot(new long[BUCKETS]);
        }

        @Override
        public long[] counts() {
            return counts.clone();
        }

        public long count(int bucket) {
            return counts[bucket];
        }

        public long total() {
            return Arrays.stream(counts).sum();
        }

        /** The latencies recorded after {@code earlier} was taken. */
        public Snapshot minus(Snapshot earlier) {
            long[] d = new long[BUCKETS];
            for (int i = 0; i < BUCKETS; i++) {
                d[i] = Math.max(0, counts[i] - earlier.counts[i]);
            }
            return new Snapshot(d);
        }

        /** The value at {@code percentile} (0-100), in microseconds; 0 when empty. */
        public long percentile(double percentile) {
            long total = total();
            if (total == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return upperBound(i);
                }
            }
            return upperBound(BUCKETS - 1);
        }

        /** The upper bound of the highest non-empty bucket, in microseconds; 0 when empty. */
        public long max() {
            for (int i = BUCKETS - 1; i >= 0; i--) {
                if (counts[i] > 0) {
                    return upperBound(i);
                }
            }
            return 0;
        }
    }
}
