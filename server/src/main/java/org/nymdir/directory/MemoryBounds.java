package org.nymdir.directory;

/**
 * The heap the directory's own memory may take, for what strangers can grow, in bytes as estimated (each
 * structure weighs its entries by what they hold: the key text, the name, the ids). The pending challenges'
 * bound is the {@link ChallengePolicy}'s.
 *
 * @param rateLimiterBytes the token buckets of all rate limits together (per sender tag and per name)
 * @param handedOutBytes   which messages were handed to which tag, per recipient ({@link HandedOut})
 * @param batchBytes       the mail read and handed out at once for one recipient (at least one message goes,
 *                         however large): a backlog or the resume after a restart never holds more
 */
public record MemoryBounds(long rateLimiterBytes, long handedOutBytes, long batchBytes) {
    public MemoryBounds {
        if (rateLimiterBytes < 1 || handedOutBytes < 1 || batchBytes < 1) {
            throw new IllegalArgumentException("memory bounds must be positive");
        }
    }

    /** 16 MiB of rate-limit state, 16 MiB of hand-out memory, batches of 2 MiB. */
    public static MemoryBounds defaults() {
        return new MemoryBounds(16L << 20, 16L << 20, 2L << 20);
    }
}
