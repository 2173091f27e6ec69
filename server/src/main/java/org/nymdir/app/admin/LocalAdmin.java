package org.nymdir.app.admin;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.nymdir.vocabulary.Usernames;
import org.nymdir.store.Presence;
import org.nymdir.store.UserStore;
import org.nymdir.store.sqlite.SqliteAdmin;
import org.nymdir.store.sqlite.SqliteMailbox;

/**
 * The admin operations on the stores themselves: inside a running node (its control endpoint calls this,
 * so a block takes effect at once) or on a stopped node's files (the command opens them).
 */
public final class LocalAdmin implements AdminOps {
    /** The link of a running node, or nothing when the command works on the files alone. */
    public record Link(BooleanSupplier up, LongSupplier connections) {
    }

    private final String version;
    private final Path database;
    private final UserStore users;
    private final SqliteMailbox mailbox;
    private final Presence presence;
    private final SqliteAdmin store;
    private final BlockedUsers blocked;
    private final Link link;

    /** {@code link} null: a stopped node, worked on directly. */
    public LocalAdmin(String version, Path database, UserStore users, SqliteMailbox mailbox, Presence presence,
                      SqliteAdmin store, BlockedUsers blocked, Link link) {
        this.store = store;
        this.version = version;
        this.database = database;
        this.users = users;
        this.mailbox = mailbox;
        this.presence = presence;
        this.blocked = blocked;
        this.link = link;
    }

    @Override
    public NodeStatus status() {
        return new NodeStatus(version, "sqlite", database.toAbsolutePath().toString(),
                link == null ? "direct (no running node answered)" : "running node",
                users.countUsers(), blocked.size(), mailbox.size(), mailbox.bytes(),
                link == null ? "not running" : link.up().getAsBoolean() ? "up" : "down",
                link == null ? 0 : link.connections().getAsLong());
    }

    @Override
    public UserInfo user(String name) {
        if (!Usernames.isValid(name) || users.findUser(name).isEmpty()) {
            return new UserInfo(name, false, null, 0, false, blocked.isBlocked(name));
        }
        String day = presence.lastSeen(name).map(t -> t.atZone(ZoneOffset.UTC).toLocalDate().toString()).orElse(null);
        return new UserInfo(name, true, day, mailbox.count(name), presence.isAcking(name), blocked.isBlocked(name));
    }

    @Override
    public Change block(String name) {
        if (!Usernames.isValid(name) || users.findUser(name).isEmpty()) {
            return new Change(false, "no user " + name);
        }
        return blocked.block(name) ? new Change(true, name + " is blocked: no login, send or receive")
                : new Change(false, name + " was already blocked");
    }

    @Override
    public Change unblock(String name) {
        return blocked.unblock(name) ? new Change(true, name + " is unblocked")
                : new Change(false, name + " was not blocked");
    }

    @Override
    public Change delete(String name) {
        if (!Usernames.isValid(name)) {
            return new Change(false, "no user " + name);
        }
        int waiting = mailbox.count(name);
        boolean deleted = store.deleteUser(name);
        blocked.refresh();
        return deleted ? new Change(true, name + " is deleted, with " + waiting + " waiting messages; the name is free")
                : new Change(false, "no user " + name);
    }

    @Override
    public Change backup(Path to) {
        SqliteAdmin.backup(database, to);
        return new Change(true, "backup of " + database.toAbsolutePath() + " written to " + to.toAbsolutePath());
    }
}
