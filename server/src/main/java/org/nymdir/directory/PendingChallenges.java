package org.nymdir.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Challenges waiting for their signed answer, one per sender tag. The original kept them forever and
 * without bound; here each expires after a time to live, and when the cap is reached the oldest is evicted,
 * so no stream of requests can grow this without limit.
 *
 * @param <T> what the challenge remembers (the nonce and the key it must verify against)
 */
public final class PendingChallenges<T> {
    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    // Insertion order = age order: re-issuing for a tag removes and re-inserts it, so the head is the oldest.
    private final LinkedHashMap<String, Entry<T>> byTag = new LinkedHashMap<>();

    private record Entry<T>(T value, Instant expiresAt) {
    }

    public PendingChallenges(Clock clock, Duration ttl, int capacity) {
        if (capacity < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("capacity and ttl must be positive");
        }
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
    }

    /** Remembers a challenge for a tag, replacing any earlier one of that tag. */
    public synchronized void put(String senderTag, T value) {
        Instant now = clock.instant();
        byTag.remove(senderTag);
        evictExpired(now);
        while (byTag.size() >= capacity) {
            Iterator<?> oldest = byTag.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byTag.put(senderTag, new Entry<>(value, now.plus(ttl)));
    }

    /** Removes and returns the live challenge of a tag; an expired one counts as absent. */
    public synchronized Optional<T> take(String senderTag) {
        Entry<T> entry = byTag.remove(senderTag);
        if (entry == null || !clock.instant().isBefore(entry.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    public synchronized int size() {
        return byTag.size();
    }

    private void evictExpired(Instant now) {
        Iterator<Map.Entry<String, Entry<T>>> it = byTag.entrySet().iterator();
        while (it.hasNext()) {
            if (now.isBefore(it.next().getValue().expiresAt())) {
                return; // entries behind are younger
            }
            it.remove();
        }
    }
}
