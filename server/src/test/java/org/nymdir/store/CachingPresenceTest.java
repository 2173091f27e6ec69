package org.nymdir.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nymdir.store.memory.InMemoryPresence;

/** The cache keeps every promise of {@link Presence} (the shared contract), and saves the reads it is for. */
class CachingPresenceTest extends PresenceContract {
    @Override
    protected Presence openPresence(Duration granularity) {
        return new CachingPresence(new InMemoryPresence(granularity), granularity, 3);
    }

    @Test
    void answersFromMemoryOnceKnownAndForgetsBeyondItsBound() {
        int[] reads = {0};
        Presence inner = new InMemoryPresence(Duration.ofSeconds(1));
        Presence counting = new Presence() {
            public void touch(String username, Instant seenAt) {
                inner.touch(username, seenAt);
            }

            public java.util.Optional<Instant> lastSeen(String username) {
                reads[0]++;
                return inner.lastSeen(username);
            }

            public void setAcking(String username, boolean acking) {
                inner.setAcking(username, acking);
            }

            public boolean isAcking(String username) {
                return inner.isAcking(username);
            }

            public void close() {
                inner.close();
            }
        };
        Presence cached = new CachingPresence(counting, Duration.ofSeconds(1), 2);
        Instant t = Instant.parse("2026-11-26T00:00:00Z");
        cached.touch("a", t);
        cached.lastSeen("a");
        cached.lastSeen("a");
        assertThat(reads[0]).isEqualTo(1);
        cached.lastSeen("b");
        cached.lastSeen("c"); // evicts "a"
        cached.lastSeen("a");
        assertThat(reads[0]).isEqualTo(4);
        assertThat(cached.lastSeen("a")).contains(t);
    }
}
