package org.nymdir.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Challenges waiting for their signed answer, one per sender tag. The original kept them forever and
 * without bound; here each expires after a time to live, and the whole set is bounded in bytes (an estimate
 * of the heap its entries hold, which vary with the key text they carry): beyond the bound the oldest
 * challenge goes first, so no stream of requests can grow this without limit.
 *
 * <p>Hand-written rather than a Caffeine cache on purpose: this is not a cache (a lost challenge fails a
 * user's login, nothing recomputes it), and its eviction must be oldest first. A frequency-aware cache keeps
 * the entries it has seen used and refuses newcomers under pressure; here every entry is used exactly once,
 * so under a flood it would keep the flood's early entries and drop a user's fresh challenge within a
 * fraction of the bound. Oldest first, a flood must bring the whole bound's worth of bytes to push it out.
 *
 * @param <T> what the challenge remembers (the nonce and the key it must verify against)
 */
public final class PendingChallenges<T> {
    /** Heap of one entry besides its value: the map entry, the record, the tag string's header, the expiry. */
    static final int ENTRY_OVERHEAD_BYTES = 160;

    private final Clock clock;
    private final Duration ttl;
    private final long maxBytes;
    private final ToLongFunction<T> weigher;
    // Insertion order = age order: re-issuing for a tag removes and re-inserts it, so the head is the oldest.
    private final LinkedHashMap<String, Entry<T>> byTag = new LinkedHashMap<>();
    private long bytes;

    private record Entry<T>(T value, Instant expiresAt, long weight) {
    }

    /**
     * @param maxBytes heap the waiting challenges may hold together, estimated
     * @param weigher  the estimated heap bytes of a value
     */
    public PendingChallenges(Clock clock, Duration ttl, long maxBytes, ToLongFunction<T> weigher) {
        if (maxBytes < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("maxBytes and ttl must be positive");
        }
        this.clock = clock;
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.weigher = weigher;
    }

    /** Remembers a challenge for a tag, replacing any earlier one of that tag. */
    public synchronized void put(String senderTag, T value) {
        Instant now = clock.instant();
        remove(senderTag);
        evictExpired(now);
        long weight = ENTRY_OVERHEAD_BYTES + 2L * senderTag.length() + weigher.applyAsLong(value);
        // The newest always stays, even alone above the bound: a bound of a few entries is a test's, not a flood's.
        Iterator<Map.Entry<String, Entry<T>>> oldest = byTag.entrySet().iterator();
        while (bytes + weight > maxBytes && oldest.hasNext()) {
            bytes -= oldest.next().getValue().weight();
            oldest.remove();
        }
        byTag.put(senderTag, new Entry<>(value, now.plus(ttl), weight));
        bytes += weight;
    }

    /** Removes and returns the live challenge of a tag; an expired one counts as absent. */
    public synchronized Optional<T> take(String senderTag) {
        Entry<T> entry = remove(senderTag);
        if (entry == null || !clock.instant().isBefore(entry.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    public synchronized int size() {
        return byTag.size();
    }

    /** Heap the waiting challenges hold, estimated as the bound counts it. */
    public synchronized long bytes() {
        return bytes;
    }

    private Entry<T> remove(String senderTag) {
        Entry<T> entry = byTag.remove(senderTag);
        if (entry != null) {
            bytes -= entry.weight();
        }
        return entry;
    }

    private void evictExpired(Instant now) {
        Iterator<Map.Entry<String, Entry<T>>> it = byTag.entrySet().iterator();
        while (it.hasNext()) {
            Entry<T> entry = it.next().getValue();
            if (now.isBefore(entry.expiresAt())) {
                return; // entries behind are younger
            }
            bytes -= entry.weight();
            it.remove();
        }
    }
}
