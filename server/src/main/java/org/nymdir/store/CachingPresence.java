package org.nymdir.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A {@link Presence} that remembers what it read and wrote, so the relay path (which asks whether sender
 * and recipient are fresh on every message) costs no database read for active users, and a touch within
 * the granularity costs nothing at all. Valid while this process is the only writer of the presence data,
 * which holds for one directory node on its own database.
 *
 * <p>Bounded in bytes, weighed by the name (registrations are free, so strangers can bring names): beyond
 * the bound, the users least likely to be asked about again are forgotten (Caffeine's frequency-aware
 * eviction), and read again when next needed.
 */
public final class CachingPresence implements Presence {
    /** Heap of one remembered "last seen" besides the name's characters: node, map entry, string, instant. */
    static final int LAST_SEEN_BYTES = 200;
    /** Heap of one remembered "acking" (the Boolean is shared). */
    static final int ACKING_BYTES = 160;

    private final Presence delegate;
    private final Duration granularity;
    private final Cache<String, Optional<Instant>> lastSeen;
    private final Cache<String, Boolean> acking;
    private volatile boolean closed;

    /** @param maxBytes heap both caches may hold together, estimated (two thirds for "last seen") */
    public CachingPresence(Presence delegate, Duration granularity, long maxBytes) {
        this.delegate = delegate;
        this.granularity = granularity;
        this.lastSeen = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, maxBytes / 3 * 2))
                .weigher((String name, Optional<Instant> seen) -> LAST_SEEN_BYTES + 2 * name.length())
                .executor(Runnable::run)
                .build();
        this.acking = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, maxBytes / 3))
                .weigher((String name, Boolean value) -> ACKING_BYTES + 2 * name.length())
                .executor(Runnable::run)
                .build();
    }

    @Override
    public void touch(String username, Instant seenAt) {
        Optional<Instant> known = lastSeen(username);
        if (known.isPresent() && seenAt.isBefore(known.get().plus(granularity))) {
            return; // the delegate would skip this write too; skip its read as well
        }
        delegate.touch(username, seenAt);
        Instant seen = seenAt.truncatedTo(ChronoUnit.MILLIS); // what the stores keep
        // Never back in time: a concurrent touch may have remembered a newer one meanwhile.
        lastSeen.asMap().merge(username, Optional.of(seen),
                (old, now) -> old.isPresent() && old.get().isAfter(seen) ? old : now);
    }

    @Override
    public Optional<Instant> lastSeen(String username) {
        ensureOpen();
        Optional<Instant> cached = lastSeen.getIfPresent(username);
        if (cached != null) {
            return cached;
        }
        Optional<Instant> read = delegate.lastSeen(username);
        // A read never overwrites what a touch remembered meanwhile.
        Optional<Instant> raced = lastSeen.asMap().putIfAbsent(username, read);
        return raced == null ? read : raced;
    }

    @Override
    public void setAcking(String username, boolean value) {
        if (isAcking(username) == value) {
            return;
        }
        delegate.setAcking(username, value);
        acking.put(username, value);
    }

    @Override
    public boolean isAcking(String username) {
        ensureOpen();
        Boolean cached = acking.getIfPresent(username);
        if (cached != null) {
            return cached;
        }
        boolean read = delegate.isAcking(username);
        Boolean raced = acking.asMap().putIfAbsent(username, read);
        return raced == null ? read : raced;
    }

    /** Heap both caches hold now, estimated as the bound counts it (for tests of the bound). */
    long cachedBytes() {
        lastSeen.cleanUp();
        acking.cleanUp();
        return lastSeen.policy().eviction().orElseThrow().weightedSize().orElseThrow()
                + acking.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    @Override
    public void close() {
        closed = true;
        delegate.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("presence store is closed", null);
        }
    }
}
