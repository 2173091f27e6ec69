package org.nymdir.app.admin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.nymdir.directory.Stores;
import org.nymdir.store.StoreAdmin;
import org.nymdir.vocabulary.Usernames;

/**
 * The admin operations on the stores themselves, whichever backend: inside a running node (its control
 * endpoint calls this, so a block takes effect at once) or on a stopped node's store (the command opens it).
 */
public final class LocalAdmin implements AdminOps {
    /** A node counts as alive while its last heartbeat is younger than this (three of its 5 s beats). */
    private static final Duration ALIVE_WITHIN = Duration.ofSeconds(15);

    /** The link of a running node, or nothing when the command works on the store alone. */
    public record Link(BooleanSupplier up, LongSupplier connections) {
    }

    private final String version;
    private final Stores stores;
    private final StoreAdmin store;
    private final BlockedUsers blocked;
    private final Link link;
    private final Clock clock;
    private final Duration nameQuarantine;

    /** {@code link} null: a stopped node, worked on directly. */
    public LocalAdmin(String version, Stores stores, StoreAdmin store, BlockedUsers blocked, Link link, Clock clock,
                      Duration nameQuarantine) {
        this.version = version;
        this.stores = stores;
        this.store = store;
        this.blocked = blocked;
        this.link = link;
        this.clock = clock;
        this.nameQuarantine = nameQuarantine;
    }

    @Override
    public NodeStatus status() {
        StoreAdmin.MailboxTotals mail = store.mailboxTotals();
        Instant now = clock.instant();
        return new NodeStatus(version, store.kind(), store.location(),
                link == null ? "direct (no running node answered)" : "running node",
                stores.users().countUsers(), blocked.size(), mail.messages(), mail.bytes(),
                link == null ? "not running" : link.up().getAsBoolean() ? "up" : "down",
                link == null ? 0 : link.connections().getAsLong(),
                store.nodes().stream().map(n -> new NodeInfo(n.id(), n.nymAddress(), text(n.startedAt()),
                        text(n.heartbeatAt()), text(n.stoppedAt()),
                        n.stoppedAt() == null && !n.heartbeatAt().plus(ALIVE_WITHIN).isBefore(now))).toList());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    @Override
    public UserInfo user(String name) {
        if (!isUser(name)) {
            return new UserInfo(name, false, null, 0, false, blocked.isBlocked(name));
        }
        String day = stores.presence().lastSeen(name).map(t -> t.atZone(ZoneOffset.UTC).toLocalDate().toString())
                .orElse(null);
        return new UserInfo(name, true, day, stores.mailbox().count(name), stores.presence().isAcking(name),
                blocked.isBlocked(name));
    }

    @Override
    public Change block(String name) {
        if (!isUser(name)) {
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

    /**
     * {@link StoreAdmin#deleteUser}: user, waiting mail, presence and block; the name is held for the quarantine
     * ({@code NYMDIR_NAME_QUARANTINE}), as after a user's own deletion.
     */
    @Override
    public Change delete(String name) {
        if (!Usernames.isValid(name)) {
            return new Change(false, "no user " + name);
        }
        Instant heldUntil = clock.instant().plus(nameQuarantine);
        OptionalInt deleted = store.deleteUser(name, heldUntil);
        blocked.refresh();
        return deleted.isPresent()
                ? new Change(true, name + " is deleted, with " + deleted.getAsInt() + " waiting messages; the name"
                        + " and its look-alikes are held from registration until " + heldUntil)
                : new Change(false, "no user " + name);
    }

    @Override
    public Change backup(Path to) {
        return switch (store.backup(to)) {
            case StoreAdmin.Backup.Written w -> new Change(true, "backup of " + store.location() + " written to "
                    + w.file());
            case StoreAdmin.Backup.NotHere n -> new Change(false, n.instead());
        };
    }

    private boolean isUser(String name) {
        return Usernames.isValid(name) && stores.users().findUser(name).isPresent();
    }
}
