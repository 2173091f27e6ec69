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
        // room for a few users only: the contract must hold while the cache forgets
        return new CachingPresence(new InMemoryPresence(granularity), granularity, 1500);
    }

    @Test
    void answersFromMemoryOnceKnownAndStaysWithinItsByteBound() {
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
        long bound = 100 * (CachingPresence.LAST_SEEN_BYTES + 20); // room for some 60 users' "last seen"
        CachingPresence cached = new CachingPresence(counting, Duration.ofSeconds(1), bound);
        Instant t = Instant.parse("2026-11-26T00:00:00Z");
        cached.touch("a", t);
        cached.lastSeen("a");
        cached.lastSeen("a");
        assertThat(reads[0]).as("only the touch read it").isEqualTo(1);
        for (int i = 0; i < 10_000; i++) {
            cached.lastSeen("stranger" + i);
            cached.isAcking("stranger" + i);
        }
        assertThat(reads[0]).isEqualTo(1 + 10_000);
        assertThat(cached.cachedBytes()).isLessThanOrEqualTo(bound).isPositive();
        assertThat(cached.lastSeen("a")).contains(t);
    }
}
