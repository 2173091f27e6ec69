package org.nymdir.app.admin;

import java.nio.file.Path;

/**
 * What {@code nymdir admin} does, the same whether it works on a stopped node's files ({@link LocalAdmin}) or
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

    /** A consistent copy of the database into the new file {@code to}. */
    Change backup(Path to);

    /**
     * The state of one node.
     *
     * @param link {@code up}, {@code down}, or {@code not running} (the command worked on the files)
     */
    record NodeStatus(String version, String store, String database, String mode, long users, long blockedUsers,
                      long mailboxMessages, long mailboxBytes, String link, long linkConnections) {
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
