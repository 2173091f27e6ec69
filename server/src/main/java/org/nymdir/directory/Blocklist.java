package org.nymdir.directory;

/**
 * The users an operator blocked: they can neither log in, send nor receive. The directory asks on every
 * login, send and ack, so implementations answer from memory.
 */
@FunctionalInterface
public interface Blocklist {
    /** Nobody is blocked. */
    Blocklist NONE = username -> false;

    boolean isBlocked(String username);
}
