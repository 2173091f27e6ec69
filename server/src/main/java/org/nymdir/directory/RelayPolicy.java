package org.nymdir.directory;

import java.time.Duration;

/**
 * How the directory keeps accepted messages.
 *
 * @param mailboxTtl     how long an undelivered message waits before it expires (default 7 days)
 * @param tagFreshness   how long a user's sender tag counts as reachable after it was last seen (default 24 h,
 *                       the life of Nym reply SURBs); older tags get nothing, their mail waits
 * @param recipientQuota messages one recipient may have waiting (default 1,000)
 * @param flushBatch     messages handed to the link at once when a user shows a fresh tag
 */
public record RelayPolicy(Duration mailboxTtl, Duration tagFreshness, int recipientQuota, int flushBatch) {
    public RelayPolicy {
        if (mailboxTtl.isNegative() || mailboxTtl.isZero() || tagFreshness.isNegative() || tagFreshness.isZero()) {
            throw new IllegalArgumentException("mailbox TTL and tag freshness must be positive");
        }
        if (recipientQuota < 1 || recipientQuota > 1_000_000 || flushBatch < 1 || flushBatch > 1000) {
            throw new IllegalArgumentException("quota must be 1..1000000 and flush batch 1..1000");
        }
    }

    public static RelayPolicy defaults() {
        return new RelayPolicy(Duration.ofDays(7), Duration.ofHours(24), 1000, 100);
    }
}
