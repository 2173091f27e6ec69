package org.nymdir.app.admin;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code nymdir admin} does, the same whether it works on a stopped node's store ({@link LocalAdmin}) or
 * asks a running node through its control endpoint ({@link RemoteAdmin}).
 */
public interface AdminOps {
    NodeStatus status();

    /** The user's record; {@code registered == false} when there is no such user. */
    UserInfo user(String name);

    /** Blocks a registered user: no login, send or receive until unblocked. */
    Change block(String name);

    Change unblock(String name);

    /** Deletes the user and the mail waiting for them; the name becomes free. */
    Change delete(String name);

    /** A consistent copy of the database into the new file {@code to}, or why not (PostgreSQL: pg_dump). */
    Change backup(Path to);

    /**
     * The state of one node and its store.
     *
     * @param store    {@code sqlite} or {@code postgresql}
     * @param database the file, or the URL without its password
     * @param link     {@code up}, {@code down}, or {@code not running} (the command worked on the store)
     * @param nodes    on PostgreSQL, every node that ran on the database; empty on SQLite
     */
    record NodeStatus(String version, String store, String database, String mode, long users, long blockedUsers,
                      long mailboxMessages, long mailboxBytes, String link, long linkConnections,
                      List<NodeInfo> nodes) {
    }

    /**
     * One node of a shared database, as its heartbeats show it (instants in ISO-8601, UTC).
     *
     * @param alive whether it beat lately and did not say it stopped
     */
    record NodeInfo(String id, String nymAddress, String startedAt, String heartbeatAt, String stoppedAt,
                    boolean alive) {
    }

    /**
     * One user, without their key or tag.
     *
     * @param lastSeenDay the UTC day their current tag was last seen (coarse on purpose), null if never
     */
    record UserInfo(String name, boolean registered, String lastSeenDay, int waitingMessages, boolean acking,
                    boolean blocked) {
    }

    /** The result of a change: whether it changed anything, and what to tell the operator. */
    record Change(boolean changed, String message) {
    }
}
