package org.nymdir.sim;

import java.time.Duration;

/**
 * nym-client's limits for replies waiting on SURBs (reference C.3, {@code ReplySurbs::default}). Configurable so
 * tests can run the whole give-up sequence in well under a second.
 *
 * @param rerequestAfter ask the original sender again when no SURBs arrived for this long (10 s)
 * @param dropAfter drop the buffered replies when no SURBs arrived for this long (5 min)
 * @param maxRerequests drop them after more than this many re-requests (5)
 * @param checkEvery how often the stale-queue watchdog runs (5 s)
 */
public record SurbTimings(Duration rerequestAfter, Duration dropAfter, int maxRerequests, Duration checkEvery) {
    public static final SurbTimings NYM_CLIENT =
            new SurbTimings(Duration.ofSeconds(10), Duration.ofMinutes(5), 5, Duration.ofSeconds(5));

    public SurbTimings {
        if (rerequestAfter.isNegative() || dropAfter.isNegative() || maxRerequests < 0
                || checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("SURB timings must be positive");
        }
    }
}
