package org.nymdir.store.memory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;

/**
 * A {@link UserStore} in a concurrent map, for unit tests of the directory and for throw-away runs. Same
 * semantics as the SQLite store (the shared contract test proves it), nothing survives the process.
 */
public final class InMemoryUserStore implements UserStore {

    private final ConcurrentMap<String, UserRecord> users = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public Optional<UserRecord> findUser(String username) {
        Objects.requireNonNull(username, "username");
        ensureOpen();
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public boolean insertUser(UserRecord user) {
        StoreArgs.requireStorable(user);
        ensureOpen();
        return users.putIfAbsent(user.username(), user) == null;
    }

    @Override
    public boolean updateSenderTag(String username, String senderTag) {
        Objects.requireNonNull(username, "username");
        StoreArgs.requireStorable(senderTag, "senderTag");
        ensureOpen();
        // computeIfPresent is atomic per key: a concurrent insert or update of the same name is never lost
        return users.computeIfPresent(username,
                (name, old) -> new UserRecord(old.username(), old.publicKeyPem(), senderTag)) != null;
    }

    @Override
    public long countUsers() {
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
