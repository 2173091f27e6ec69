package org.nymdir.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.nymdir.store.Presence;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;

/**
 * {@link Presence} in a concurrent map, for unit tests of the directory and throw-away runs. It applies the
 * same granularity as the SQLite store (the shared contract test proves it), so a directory test sees the
 * same {@code lastSeen} values either way.
 */
public final class InMemoryPresence implements Presence {

    private record State(Instant lastSeen, boolean acking) {
    }

    private final ConcurrentMap<String, State> users = new ConcurrentHashMap<>();
    private final long granularityMillis;
    private volatile boolean closed;

    public InMemoryPresence() {
        this(DEFAULT_GRANULARITY);
    }

    public InMemoryPresence(Duration granularity) {
        this.granularityMillis = StoreArgs.requireGranularityMillis(granularity);
    }

    @Override
    public void touch(String username, Instant seenAt) {
        StoreArgs.requireName(username, "username");
        Instant seen = StoreArgs.requireStorable(seenAt, "seenAt");
        ensureOpen();
        // compute is atomic per key: racing touches of one user are applied one after the other
        users.compute(username, (name, old) -> {
            if (old == null) {
                return new State(seen, false);
            }
            if (old.lastSeen() != null
                    && seen.toEpochMilli() - old.lastSeen().toEpochMilli() < Math.max(1, granularityMillis)) {
                return old;
            }
            return new State(seen, old.acking());
        });
    }

    @Override
    public Optional<Instant> lastSeen(String username) {
        Objects.requireNonNull(username, "username");
        ensureOpen();
        State state = users.get(username);
        return state == null ? Optional.empty() : Optional.ofNullable(state.lastSeen());
    }

    @Override
    public void setAcking(String username, boolean acking) {
        StoreArgs.requireName(username, "username");
        ensureOpen();
        users.compute(username, (name, old) -> old == null
                ? (acking ? new State(null, true) : null)
                : new State(old.lastSeen(), acking));
    }

    @Override
    public boolean isAcking(String username) {
        Objects.requireNonNull(username, "username");
        ensureOpen();
        State state = users.get(username);
        return state != null && state.acking();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("presence store is closed", null);
        }
    }
}
