package org.nymdir.mixnet;

/**
 * How a link waits between failed attempts to reach its nym-client (whose port opens only once it reached
 * its gateway). The link calls {@link #pause} after each failed attempt and tries again when it returns; a
 * lost connection is retried at once, without a pause. Production links use {@link ExponentialBackoff}; a
 * test passes its own to decide when each attempt happens, without waiting for time to pass.
 */
@FunctionalInterface
public interface ReconnectBackoff {
    /**
     * Returns when the next attempt may start.
     *
     * @param failures failed attempts in a row so far: 1 after the first, back to 1 after a connection was made
     * @throws InterruptedException the link is closing; it makes no further attempt
     */
    void pause(int failures) throws InterruptedException;
}
