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
    private final Presence delegate;
    private final Duration granularity;
    private final Map<String, Optional<Instant>> lastSeen;
    private final Map<String, Boolean> acking;
    private volatile boolean closed;

    public CachingPresence(Presence delegate, Duration granularity, int maxUsers) {
        this.delegate = delegate;
        this.granularity = granularity;
        this.lastSeen = lru(maxUsers);
        this.acking = lru(maxUsers);
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
        synchronized (lastSeen) {
            lastSeen.put(username, Optional.of(newest));
        }
    }

    @Override
    public Optional<Instant> lastSeen(String username) {
        ensureOpen();
        synchronized (lastSeen) {
            Optional<Instant> cached = lastSeen.get(username);
            if (cached != null) {
                return cached;
            }
        }
        Optional<Instant> read = delegate.lastSeen(username);
        synchronized (lastSeen) {
            lastSeen.putIfAbsent(username, read);
        }
        return read;
    }

    @Override
    public void setAcking(String username, boolean value) {
        if (isAcking(username) == value) {
            return;
        }
        delegate.setAcking(username, value);
        synchronized (acking) {
            acking.put(username, value);
        }
    }

    @Override
    public boolean isAcking(String username) {
        ensureOpen();
        synchronized (acking) {
            Boolean cached = acking.get(username);
            if (cached != null) {
                return cached;
            }
        }
        boolean read = delegate.isAcking(username);
        synchronized (acking) {
            acking.putIfAbsent(username, read);
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

    private static <V> Map<String, V> lru(int maxUsers) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxUsers;
            }
        };
    }
}
