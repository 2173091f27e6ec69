package org.nymdir.store.postgres;

import java.time.Duration;
import java.time.Instant;

/**
 * One node of a shared database as the {@code nodes} table shows it: when it started, its last heartbeat, and
 * when it stopped cleanly ({@code null} while it runs, or after a crash).
 */
public record NodeStatus(String nodeId, String nymAddress, Instant startedAt, Instant heartbeatAt, Instant stoppedAt) {

    /** Whether the node beat within {@code within} of {@code now} and did not say it stopped. */
    public boolean isAlive(Instant now, Duration within) {
        return stoppedAt == null && !heartbeatAt.plus(within).isBefore(now);
    }
}
