package org.nymdir.directory;

import java.time.Clock;
import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * How long a challenge waits for its answer, and how much heap the waiting ones may hold (per flow, in bytes
 * as estimated: a challenge carries the key text it must verify against, up to the 4 KiB a PEM may have).
 * A policy, not a clock: the directory's one clock reads the time ({@link #newPending}).
 */
public record ChallengePolicy(Duration ttl, long maxBytes) {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** 16 MiB per flow: about 40,000 challenges with plain keys, 3,500 with keys padded to the limit. */
    public static final long DEFAULT_MAX_BYTES = 16L << 20;

    public static ChallengePolicy defaults() {
        return new ChallengePolicy(DEFAULT_TTL, DEFAULT_MAX_BYTES);
    }

    <T> PendingChallenges<T> newPending(Clock clock, ToLongFunction<T> weigher) {
        return new PendingChallenges<>(clock, ttl, maxBytes, weigher);
    }
}
