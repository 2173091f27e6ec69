package org.nymdir.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Presence} that remembers what it read and wrote, so the relay path (which asks whether sender
 * and recipient are fresh on every message) costs no database read for active users, and a touch within
 * the granularity costs nothing at all. Valid while this process is the only writer of the presence data,
 * which holds for one directory node on its own database. Bounded: least recently used users are forgotten
 * (and read again when next needed).
 */
public final class CachingPresence implements Presence {
    private record Known(Optional<Instant> lastSeen, Boolean acking) {
    }

    private final Presence delegate;
    private final Duration granularity;
    private final Map<String, Known> cache;
    private volatile boolean closed;

    public CachingPresence(Presence delegate, Duration granularity, int maxUsers) {
        this.delegate = delegate;
        this.granularity = granularity;
        this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > maxUsers;
            }
        };
    }

    @Override
    public void touch(String username, Instant seenAt) {
        Optional<Instant> known = lastSeen(username);
        if (known.isPresent() && seenAt.isBefore(known.get().plus(granularity))) {
            return; // the delegate would skip this write too; skip its read as well
        }
        delegate.touch(username, seenAt);
        Instant seen = seenAt.truncatedTo(ChronoUnit.MILLIS); // what the stores keep
        Instant newest = known.filter(k -> k.isAfter(seen)).orElse(seen);
        synchronized (cache) {
            Known e = cache.get(username);
            cache.put(username, new Known(Optional.of(newest), e == null ? null : e.acking()));
        }
    }

    @Override
    public Optional<Instant> lastSeen(String username) {
        ensureOpen();
        synchronized (cache) {
            Known e = cache.get(username);
            if (e != null && e.lastSeen() != null) {
                return e.lastSeen();
            }
        }
        Optional<Instant> read = delegate.lastSeen(username);
        synchronized (cache) {
            Known e = cache.get(username);
            cache.put(username, new Known(read, e == null ? null : e.acking()));
        }
        return read;
    }

    @Override
    public void setAcking(String username, boolean acking) {
        if (isAcking(username) == acking) {
            return;
        }
        delegate.setAcking(username, acking);
        synchronized (cache) {
            Known e = cache.get(username);
            cache.put(username, new Known(e == null ? null : e.lastSeen(), acking));
        }
    }

    @Override
    public boolean isAcking(String username) {
        ensureOpen();
        synchronized (cache) {
            Known e = cache.get(username);
            if (e != null && e.acking() != null) {
                return e.acking();
            }
        }
        boolean read = delegate.isAcking(username);
        synchronized (cache) {
            Known e = cache.get(username);
            cache.put(username, new Known(e == null ? null : e.lastSeen(), read));
        }
        return read;
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
