package org.nymdir.app;

import org.nymdir.directory.ChallengePolicy;
import org.nymdir.directory.MemoryBounds;

/**
 * How the heap is shared among everything a stranger can make the directory hold: each bound is a share of
 * the heap limit ({@code -Xmx}), in bytes as each structure estimates what its entries hold. Together they
 * take at most about 40 % of the heap, so a flood that fills every one of them at once still leaves the rest
 * for the live data (users, connections, requests being handled) and the collector's headroom: the same
 * flood that ended a 256 MiB directory in OutOfMemoryError now only evicts.
 *
 * <p>At {@code -Xmx256m}: 16 MiB of queued requests, 32 MiB of outbound frames (of which resume after a
 * start uses at most a quarter), 8 MiB of pending challenges per flow, 8 MiB each of parsed keys, presence,
 * rate-limit buckets and hand-out memory, batches of 2 MiB.
 *
 * @param requestQueueBytes  requests waiting for (or in) their sender's lane
 * @param outboundBytes      frames waiting for the nym-client link, unconfirmed ones included
 * @param resumeWindowBytes  resumed mail waiting for the link at once, within {@code outboundBytes}
 * @param challengeBytes     pending challenges, per flow (registration, login)
 * @param parsedKeyBytes     parsed public keys
 * @param presenceBytes      cached presence (last seen, acking)
 * @param directory          the directory's own bounds (rate limits, hand-out memory, batches)
 */
record HeapBudget(int requestQueueBytes, int outboundBytes, int resumeWindowBytes, long challengeBytes,
                  long parsedKeyBytes, long presenceBytes, MemoryBounds directory) {

    /** The shares of a heap limit of {@code maxHeapBytes} (a JVM without a limit counts as 4 GiB). */
    static HeapBudget forHeap(long maxHeapBytes) {
        long h = maxHeapBytes == Long.MAX_VALUE ? 4L << 30 : Math.max(maxHeapBytes, 64L << 20);
        int outbound = semaphore(h / 8);
        return new HeapBudget(semaphore(h / 16), outbound, outbound / 4, h / 32, h / 32, h / 32,
                new MemoryBounds(h / 32, h / 32, h / 128));
    }

    /** The shares of this JVM's heap limit. */
    static HeapBudget forThisJvm() {
        return forHeap(Runtime.getRuntime().maxMemory());
    }

    ChallengePolicy challenges() {
        return new ChallengePolicy(ChallengePolicy.DEFAULT_TTL, challengeBytes);
    }

    /** Everything together: what a flood filling every bound at once makes the directory hold. */
    long total() {
        return (long) requestQueueBytes + outboundBytes + 2 * challengeBytes + parsedKeyBytes + presenceBytes
                + directory.rateLimiterBytes() + directory.handedOutBytes() + directory.batchBytes();
    }

    /** Counted by a semaphore of int permits: at most 1 GiB. */
    private static int semaphore(long bytes) {
        return (int) Math.min(bytes, 1L << 30);
    }
}
