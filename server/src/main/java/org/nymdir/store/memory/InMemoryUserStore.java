package org.nymdir.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nymdir.store.Presence;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.LookAlikes;

/**
 * A {@link UserStore} in maps under one lock, for unit tests of the directory and for throw-away runs. Same
 * semantics as the SQLite store (the shared contract test proves it), nothing survives the process.
 */
public final class InMemoryUserStore implements UserStore {

    /** A name's skeleton row, as in the SQL stores' {@code name_skeleton}. */
    private record Skeleton(String skeleton, boolean claim, Instant heldUntil) {
    }

    private final Presence presence;
    private final Map<String, UserRecord> users = new HashMap<>();
    private final Map<String, Skeleton> skeletons = new HashMap<>();
    private volatile boolean closed;

    /** A store that knows nothing of presence: {@link #unusedSince} lists nobody. */
    public InMemoryUserStore() {
        this(null);
    }

    /** A store whose {@link #unusedSince} reads {@code presence}, as the SQL stores read their presence table. */
    public InMemoryUserStore(Presence presence) {
        this.presence = presence;
    }

    @Override
    public synchronized Optional<UserRecord> findUser(String username) {
        Objects.requireNonNull(username, "username");
        ensureOpen();
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public synchronized boolean insertUser(UserRecord user) {
        StoreArgs.requireStorable(user);
        ensureOpen();
        if (isTaken(user.username())) {
            return false;
        }
        users.put(user.username(), user);
        skeletons.put(user.username(), new Skeleton(LookAlikes.skeleton(user.username()), true, null));
        return true;
    }

    @Override
    public synchronized boolean isTaken(String username) {
        Objects.requireNonNull(username, "username");
        ensureOpen();
        String skeleton = LookAlikes.skeleton(username);
        return users.containsKey(username) || skeletons.containsKey(username)
                || skeletons.values().stream().anyMatch(s -> s.skeleton().equals(skeleton));
    }

    @Override
    public synchronized boolean updateSenderTag(String username, String senderTag) {
        Objects.requireNonNull(username, "username");
        StoreArgs.requireStorable(senderTag, "senderTag");
        ensureOpen();
        return users.computeIfPresent(username,
                (name, old) -> new UserRecord(old.username(), old.publicKeyPem(), senderTag)) != null;
    }

    @Override
    public synchronized boolean replaceKey(String username, String oldKeyPem, String newKeyPem) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(oldKeyPem, "oldKeyPem");
        StoreArgs.requireStorable(newKeyPem, "newKeyPem");
        ensureOpen();
        UserRecord old = users.get(username);
        if (old == null || !old.publicKeyPem().equals(oldKeyPem)) {
            return false;
        }
        users.put(username, new UserRecord(username, newKeyPem, old.senderTag()));
        return true;
    }

    @Override
    public synchronized boolean deleteAccount(String username, Instant heldUntil) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(heldUntil, "heldUntil");
        ensureOpen();
        if (users.remove(username) == null) {
            return false;
        }
        Skeleton s = skeletons.get(username);
        skeletons.put(username, new Skeleton(s.skeleton(), s.claim(), heldUntil));
        return true;
    }

    @Override
    public synchronized int releaseHolds(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        StoreArgs.requireInRange(limit, 1, 100_000, "limit");
        ensureOpen();
        List<String> released = skeletons.entrySet().stream()
                .filter(e -> e.getValue().heldUntil() != null && !e.getValue().heldUntil().isAfter(now))
                .map(Map.Entry::getKey).limit(limit).toList();
        for (String name : released) {
            String skeleton = skeletons.remove(name).skeleton();
            boolean claimed = skeletons.values().stream().anyMatch(s -> s.skeleton().equals(skeleton) && s.claim());
            if (!claimed) {
                skeletons.entrySet().stream().filter(e -> e.getValue().skeleton().equals(skeleton))
                        .map(Map.Entry::getKey).sorted(StoreArgs.CODE_POINT_ORDER).findFirst()
                        .ifPresent(n -> skeletons.put(n, new Skeleton(skeleton, true, skeletons.get(n).heldUntil())));
            }
        }
        return released.size();
    }

    @Override
    public synchronized List<String> unusedSince(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        StoreArgs.requireInRange(limit, 1, 100_000, "limit");
        ensureOpen();
        List<String> names = new ArrayList<>();
        if (presence == null) {
            return names;
        }
        for (String name : users.keySet()) {
            if (names.size() < limit && presence.lastSeen(name).filter(seen -> seen.isBefore(cutoff)).isPresent()) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public synchronized long countUsers() {
        ensureOpen();
        return users.size();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("user store is closed", null);
        }
    }
}
