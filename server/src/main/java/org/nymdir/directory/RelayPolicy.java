package org.nymdir.directory;

import java.time.Duration;
import org.nymdir.store.MailQuota;

/**
 * How the directory keeps accepted messages, and how much of them.
 *
 * @param mailboxTtl          how long an undelivered message waits before it expires (default 7 days)
 * @param tagFreshness        how long a user's sender tag counts as reachable after it was last seen (default
 *                            24 h, the life of Nym reply SURBs); older tags get nothing, their mail waits
 * @param recipientQuota      messages one recipient may have waiting (default 1,000)
 * @param flushBatch          messages handed to the link at once when a user shows a fresh tag
 * @param recipientQuotaBytes bytes one recipient may have waiting (default 64 MiB)
 * @param strangerPercent     the share of both recipient quotas that senders the recipient has never written to
 *                            fill together (default 25 %): the rest stays free for the people the user talks to
 * @param senderQuotaBytes    bytes one sender may have waiting in all mailboxes together (default 64 MiB)
 * @param mailboxCapBytes     bytes the whole mailbox may hold (default 4 GiB)
 * @param correspondentTtl    how long "the user has written to this sender" is remembered after the last such
 *                            message (default 90 days)
 */
public record RelayPolicy(Duration mailboxTtl, Duration tagFreshness, int recipientQuota, int flushBatch,
                          long recipientQuotaBytes, int strangerPercent, long senderQuotaBytes, long mailboxCapBytes,
                          Duration correspondentTtl) {

    public static final long DEFAULT_RECIPIENT_QUOTA_BYTES = 64L << 20;
    public static final int DEFAULT_STRANGER_PERCENT = 25;
    public static final long DEFAULT_SENDER_QUOTA_BYTES = 64L << 20;
    public static final long DEFAULT_MAILBOX_CAP_BYTES = 4L << 30;
    public static final Duration DEFAULT_CORRESPONDENT_TTL = Duration.ofDays(90);

    public RelayPolicy {
        if (mailboxTtl.isNegative() || mailboxTtl.isZero() || tagFreshness.isNegative() || tagFreshness.isZero()
                || correspondentTtl.isNegative() || correspondentTtl.isZero()) {
            throw new IllegalArgumentException("mailbox TTL, tag freshness and correspondent TTL must be positive");
        }
        if (recipientQuota < 1 || recipientQuota > 1_000_000 || flushBatch < 1 || flushBatch > 1000) {
            throw new IllegalArgumentException("quota must be 1..1000000 and flush batch 1..1000");
        }
        quota(recipientQuota, recipientQuotaBytes, strangerPercent, senderQuotaBytes, mailboxCapBytes); // validates
    }

    /** The first four settings, the byte quotas at their defaults. */
    public RelayPolicy(Duration mailboxTtl, Duration tagFreshness, int recipientQuota, int flushBatch) {
        this(mailboxTtl, tagFreshness, recipientQuota, flushBatch, DEFAULT_RECIPIENT_QUOTA_BYTES,
                DEFAULT_STRANGER_PERCENT, DEFAULT_SENDER_QUOTA_BYTES, DEFAULT_MAILBOX_CAP_BYTES,
                DEFAULT_CORRESPONDENT_TTL);
    }

    public static RelayPolicy defaults() {
        return new RelayPolicy(Duration.ofDays(7), Duration.ofHours(24), 1000, 100);
    }

    /** What one enqueue may find waiting. */
    public MailQuota quota() {
        return quota(recipientQuota, recipientQuotaBytes, strangerPercent, senderQuotaBytes, mailboxCapBytes);
    }

    public RelayPolicy withQuotas(long recipientBytes, int strangers, long senderBytes, long capBytes) {
        return new RelayPolicy(mailboxTtl, tagFreshness, recipientQuota, flushBatch, recipientBytes, strangers,
                senderBytes, capBytes, correspondentTtl);
    }

    private static MailQuota quota(int messages, long recipientBytes, int strangers, long senderBytes, long cap) {
        return new MailQuota(messages, recipientBytes, strangers, senderBytes, cap);
    }
}
