package org.nymdir.directory.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Token buckets per (limit, key). Memory is bounded in bytes: each enforced limit gets an equal share of the
 * bound, weighs its buckets by their key, and forgets beyond that the buckets least likely to be used again
 * (Caffeine's frequency-aware eviction: a flood of one-off tags passes through without pushing out the busy
 * keys). A forgotten key starts again with a full bucket, which only errs towards letting a request through.
 * A bucket idle long enough to have refilled is dropped, since a new one would be the same.
 */
public final class RateLimiter {
    /** Heap of one bucket besides its key's characters: the cache's node and map entry, the string, the bucket. */
    static final int BUCKET_OVERHEAD_BYTES = 200;

    private final Clock clock;
    private final Map<Limit, Rate> rates;
    private final Map<Limit, Cache<String, Bucket>> buckets = new EnumMap<>(Limit.class);

    /**
     * @param rates    a rate for each limit to enforce; limits missing from the map are not enforced
     * @param maxBytes heap the buckets of all limits may hold together, estimated
     */
    public RateLimiter(Clock clock, Map<Limit, Rate> rates, long maxBytes) {
        this.clock = clock;
        this.rates = Map.copyOf(rates);
        for (Map.Entry<Limit, Rate> e : rates.entrySet()) {
            Rate rate = e.getValue();
            buckets.put(e.getKey(), Caffeine.newBuilder()
                    .maximumWeight(Math.max(1, maxBytes / rates.size()))
                    .weigher((String key, Bucket b) -> BUCKET_OVERHEAD_BYTES + 2 * key.length())
                    .expireAfterAccess(refillTime(rate))
                    .ticker(() -> clock.millis() * 1_000_000L)
                    .executor(Runnable::run) // eviction on the caller's thread: no flood outruns the bound
                    .build());
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
        Rate rate = rates.get(limit);
        if (rate == null) {
            return true;
        }
        long nowNanos = clock.millis() * 1_000_000L;
        Bucket bucket = buckets.get(limit).get(key, k -> new Bucket(rate.burst(), nowNanos));
        synchronized (bucket) {
            return bucket.tryTake(rate, nowNanos);
        }
    }

    /** How many keys {@code limit} remembers now; 0 for a limit that is off. */
    public long trackedKeys(Limit limit) {
        Cache<String, Bucket> b = buckets.get(limit);
        if (b == null) {
            return 0;
        }
        b.cleanUp();
        return b.estimatedSize();
    }

    /** Heap the buckets of {@code limit} hold now, estimated as the bound counts it; 0 for a limit that is off. */
    public long trackedBytes(Limit limit) {
        Cache<String, Bucket> b = buckets.get(limit);
        if (b == null) {
            return 0;
        }
        b.cleanUp();
        return b.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** How long an emptied bucket takes to be full again: idle that long, it is as good as new. */
    public static Duration refillTime(Rate rate) {
        return Duration.ofNanos((long) Math.ceil(rate.burst() * 60e9 / rate.perMinute()));
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastNanos = nowNanos;
        }

        boolean tryTake(Rate rate, long nowNanos) {
            double refill = (nowNanos - lastNanos) / 60e9 * rate.perMinute();
            if (refill > 0) {
                tokens = Math.min(rate.burst(), tokens + refill);
                lastNanos = nowNanos;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
