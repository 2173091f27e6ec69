package org.nymdir.app.admin;

import java.time.Clock;
import java.util.Set;
import java.util.HashSet;
import org.nymdir.directory.Blocklist;
import org.nymdir.store.StoreAdmin;

/**
 * The blocked users in memory (the directory asks on every login, send and ack), written through to the
 * store. {@link #refresh()} reloads them, so a block written to the database by another process (an admin
 * command on a stopped node's store, another node on a shared PostgreSQL database) takes effect within the
 * refresh period.
 */
public final class BlockedUsers implements Blocklist {
    private final StoreAdmin store;
    private final Clock clock;
    private volatile Set<String> names;

    public BlockedUsers(StoreAdmin store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.names = Set.copyOf(store.blocked());
    }

    @Override
    public boolean isBlocked(String username) {
        return names.contains(username);
    }

    /** Blocks {@code username} (committed, then in effect at once); false when it already was. */
    public synchronized boolean block(String username) {
        boolean changed = store.block(username, clock.instant());
        Set<String> next = new HashSet<>(names);
        next.add(username);
        names = Set.copyOf(next);
        return changed;
    }

    /** Unblocks {@code username}; false when it was not blocked. */
    public synchronized boolean unblock(String username) {
        boolean changed = store.unblock(username);
        refresh();
        return changed;
    }

    /** Reloads the blocked users from the store. */
    public synchronized void refresh() {
        names = Set.copyOf(store.blocked());
    }

    public int size() {
        return names.size();
    }
}
