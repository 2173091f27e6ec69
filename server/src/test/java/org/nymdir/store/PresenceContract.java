package org.nymdir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nymdir.testing.Race;

/** What every {@link Presence} promises, run against each implementation by a subclass. */
public abstract class PresenceContract {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final List<Presence> opened = new ArrayList<>();

    /** A new, empty presence store with the given touch granularity. */
    protected abstract Presence openPresence(Duration granularity);

    private Presence open(Duration granularity) {
        Presence p = openPresence(granularity);
        opened.add(p);
        return p;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Presence::close);
    }

    @Test
    void anUnknownUserWasNeverSeenAndDoesNotAck() {
        Presence p = open(Presence.DEFAULT_GRANULARITY);
        assertThat(p.lastSeen("bob")).isEmpty();
        assertThat(p.isAcking("bob")).isFalse();
    }

    @Test
    void touchesMoveLastSeenForwardInStepsOfTheGranularity() {
        Presence p = open(Duration.ofSeconds(1));
        p.touch("bob", T0.plusNanos(7_654_321));
        assertThat(p.lastSeen("bob")).as("kept to the millisecond").contains(T0.plusMillis(7));
        p.touch("bob", T0.plusMillis(900));
        assertThat(p.lastSeen("bob")).as("within the granularity: no write").contains(T0.plusMillis(7));
        p.touch("bob", T0.plusMillis(1_007));
        assertThat(p.lastSeen("bob")).contains(T0.plusMillis(1_007));
        p.touch("bob", T0.minusSeconds(60));
        assertThat(p.lastSeen("bob")).as("never backwards").contains(T0.plusMillis(1_007));
        p.touch("bob", T0.plus(Duration.ofDays(2)));
        assertThat(p.lastSeen("bob")).contains(T0.plus(Duration.ofDays(2)));
        assertThat(p.lastSeen("carol")).isEmpty();
    }

    @Test
    void aZeroGranularityRecordsEveryForwardMove() {
        Presence p = open(Duration.ZERO);
        p.touch("bob", T0);
        p.touch("bob", T0.plusMillis(1));
        assertThat(p.lastSeen("bob")).contains(T0.plusMillis(1));
        p.touch("bob", T0);
        assertThat(p.lastSeen("bob")).contains(T0.plusMillis(1));
    }

    @Test
    void ackingIsAFlagIndependentOfLastSeen() {
        Presence p = open(Presence.DEFAULT_GRANULARITY);
        p.setAcking("bob", true);
        assertThat(p.isAcking("bob")).isTrue();
        assertThat(p.lastSeen("bob")).isEmpty();
        p.touch("bob", T0);
        assertThat(p.isAcking("bob")).as("a touch keeps the flag").isTrue();
        p.setAcking("bob", true);
        p.setAcking("bob", false);
        assertThat(p.isAcking("bob")).isFalse();
        assertThat(p.lastSeen("bob")).as("the flag keeps lastSeen").contains(T0);
        p.setAcking("carol", false);
        assertThat(p.isAcking("carol")).isFalse();
        assertThat(p.lastSeen("carol")).isEmpty();
    }

    @Test
    void concurrentTouchesEndAtTheLatest() throws Exception {
        Presence p = open(Duration.ofMillis(10));
        Race.run(8, id -> {
            for (int i = 0; i < 100; i++) {
                p.touch("bob", T0.plusMillis(i * 8L + id)); // interleaved, out of order across threads
                p.touch("u" + id, T0.plusMillis(i * 20L));
                if (i % 10 == 0) {
                    p.setAcking("bob", true);
                }
            }
        });
        // the granularity lets the last touches pass unrecorded, never by more than 10 ms
        assertThat(p.lastSeen("bob")).hasValueSatisfying(seen ->
                assertThat(seen).isBetween(T0.plusMillis(99 * 8 + 7 - 10), T0.plusMillis(99 * 8 + 7)));
        for (int t = 0; t < 8; t++) {
            assertThat(p.lastSeen("u" + t)).contains(T0.plusMillis(99 * 20));
        }
        assertThat(p.isAcking("bob")).isTrue();
    }

    @Test
    void argumentsAreValidated() {
        Presence p = open(Presence.DEFAULT_GRANULARITY);
        for (String bad : List.of("", "\uD800", "x".repeat(StoreArgs.MAX_NAME_CHARS + 1))) {
            assertThatThrownBy(() -> p.touch(bad, T0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.setAcking(bad, true)).isInstanceOf(IllegalArgumentException.class);
            assertThat(p.lastSeen(bad)).isEmpty();
            assertThat(p.isAcking(bad)).isFalse();
        }
        assertThatThrownBy(() -> p.touch("bob", Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.touch("bob", T0.minus(Duration.ofDays(365 * 60))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.touch(null, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> p.touch("bob", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> p.lastSeen(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> p.setAcking(null, true)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> p.isAcking(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> openPresence(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> openPresence(Duration.ofHours(2))).isInstanceOf(IllegalArgumentException.class);
        assertThat(p.lastSeen("bob")).isEmpty();
    }

    @Test
    void closedPresenceThrowsStoreExceptionAndClosesTwice() {
        Presence p = open(Presence.DEFAULT_GRANULARITY);
        p.touch("bob", T0);
        p.close();
        assertThatThrownBy(() -> p.touch("bob", T0.plusSeconds(5))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> p.lastSeen("bob")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> p.setAcking("bob", true)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> p.isAcking("bob")).isInstanceOf(StoreException.class);
        p.close();
    }
}
