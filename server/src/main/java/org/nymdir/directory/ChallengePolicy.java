package org.nymdir.directory;

import java.time.Clock;
import java.time.Duration;

/** How long a challenge waits for its answer, and how many may wait at once (per flow). */
public record ChallengePolicy(Clock clock, Duration ttl, int capacity) {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final int DEFAULT_CAPACITY = 100_000;

    public static ChallengePolicy defaults(Clock clock) {
        return new ChallengePolicy(clock, DEFAULT_TTL, DEFAULT_CAPACITY);
    }

    <T> PendingChallenges<T> newPending() {
        return new PendingChallenges<>(clock, ttl, capacity);
    }
}
