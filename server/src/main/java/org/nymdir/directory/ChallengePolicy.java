package org.nymdir.directory;

import java.time.Clock;
import java.time.Duration;

/**
 * How long a challenge waits for its answer, and how many may wait at once (per flow). A policy, not a
 * clock: the directory's one clock reads the time ({@link #newPending}).
 */
public record ChallengePolicy(Duration ttl, int capacity) {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final int DEFAULT_CAPACITY = 100_000;

    public static ChallengePolicy defaults() {
        return new ChallengePolicy(DEFAULT_TTL, DEFAULT_CAPACITY);
    }

    <T> PendingChallenges<T> newPending(Clock clock) {
        return new PendingChallenges<>(clock, ttl, capacity);
    }
}
