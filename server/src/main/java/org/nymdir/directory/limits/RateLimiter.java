package org.nymdir.directory.limits;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets per (limit, key). Memory is bounded: each limit keeps at most {@code maxKeys} buckets and
 * forgets the least recently used one beyond that (a forgotten key starts again with a full bucket, which
 * only errs towards letting a request through).
 */
public final class RateLimiter {
    private final Clock clock;
    private final Map<Limit, Rate> rates;
    private final Map<Limit, Buckets> buckets = new EnumMap<>(Limit.class);

    /** @param rates a rate for each limit to enforce; limits missing from the map are not enforced */
    public RateLimiter(Clock clock, Map<Limit, Rate> rates, int maxKeys) {
        this.clock = clock;
        this.rates = Map.copyOf(rates);
        for (Limit limit : rates.keySet()) {
            buckets.put(limit, new Buckets(maxKeys));
        }
    }

    /** Every limit at its default rate. */
    public static Map<Limit, Rate> defaults() {
        Map<Limit, Rate> m = new EnumMap<>(Limit.class);
        for (Limit l : Limit.values()) {
            m.put(l, l.defaultRate());
        }
        return m;
    }

    /** Takes a token for {@code key} under {@code limit}; {@code false} when none is left. */
    public boolean tryAcquire(Limit limit, String key) {
        return tryAcquire(limit, key, 1);
    }

    /** Takes {@code tokens} at once for {@code key}, or none; {@code false} when fewer are left. */
    public boolean tryAcquire(Limit limit, String key, int tokens) {
        Rate rate = rates.get(limit);
        if (rate == null) {
            return true;
        }
        long nowNanos = clock.millis() * 1_000_000L;
        Buckets b = buckets.get(limit);
        synchronized (b) {
            Bucket bucket = b.computeIfAbsent(key, k -> new Bucket(rate.burst(), nowNanos));
            return bucket.tryTake(rate, nowNanos, tokens);
        }
    }

    /** How many keys {@code limit} remembers now (at most {@code maxKeys}); 0 for a limit that is off. */
    public int trackedKeys(Limit limit) {
        Buckets b = buckets.get(limit);
        if (b == null) {
            return 0;
        }
        synchronized (b) {
            return b.size();
        }
    }

    private static final class Buckets extends LinkedHashMap<String, Bucket> {
        private final int maxKeys;

        Buckets(int maxKeys) {
            super(1024, 0.75f, true);
            this.maxKeys = maxKeys;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > maxKeys;
        }
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastNanos = nowNanos;
        }

        boolean tryTake(Rate rate, long nowNanos, int n) {
            double refill = (nowNanos - lastNanos) / 60e9 * rate.perMinute();
            if (refill > 0) {
                tokens = Math.min(rate.burst(), tokens + refill);
                lastNanos = nowNanos;
            }
            if (tokens >= n) {
                tokens -= n;
                return true;
            }
            return false;
        }
    }
}
