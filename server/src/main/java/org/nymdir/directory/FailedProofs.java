package org.nymdir.directory;

import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.RateLimiter;
import org.nymdir.vocabulary.Status;

/**
 * Per-name counters of one challenge flow, charged only when a proof for the name fails.
 *
 * <p>Why only then: anyone can name anyone. A counter charged when a name is merely asked for (a login or
 * register request, as it once was) lets a stranger at about 0.5 requests/s from fresh sender tags keep the
 * owner out for good. A failed proof is the only per-name event worth counting, and even then the budget never
 * stands in the owner's way: a correct proof always succeeds, and challenges are limited per tag only. A name
 * whose failure budget is spent answers further failures with {@link Status#RATE_LIMITED} instead of the
 * flow's signature error, which tells a script it is throttled; guessing an ECDSA signature is hopeless anyway,
 * and the work per request is bounded by the per-tag limits and the request lanes.
 */
final class FailedProofs {
    private final RateLimiter limiter;
    private final Limit limit;

    FailedProofs(RateLimiter limiter, Limit limit) {
        this.limiter = limiter;
        this.limit = limit;
    }

    /** Counts a failed proof for {@code username}: {@code failure}, or rate limited when its budget is spent. */
    Status charge(String username, Status failure) {
        return limiter.tryAcquire(limit, "u:" + username) ? failure : Status.RATE_LIMITED;
    }
}
