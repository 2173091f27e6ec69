package org.nymdir.mixnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The link's default backoff: the schedule it pauses on, computed, not waited for. */
class ExponentialBackoffTest {
    @Test
    void theDefaultDoublesFromAHundredMillisecondsToFiveSeconds() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(ExponentialBackoff.DEFAULT::delay).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
    }

    @Test
    void stopsAtItsMaximumHoweverLongTheNymClientStaysAway() {
        assertThat(ExponentialBackoff.DEFAULT.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
        ExponentialBackoff huge = new ExponentialBackoff(Duration.ofNanos(1), Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(huge.delay(Integer.MAX_VALUE)).as("no overflow near Duration's limit")
                .isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(huge.delay(11)).isEqualTo(Duration.ofNanos(1024));
    }

    @Test
    void aBackoffWithoutRoomToGrowPausesTheSameEachTime() {
        ExponentialBackoff flat = new ExponentialBackoff(Duration.ofMillis(250), Duration.ofMillis(250));
        assertThat(flat.delay(1)).isEqualTo(flat.delay(40)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void refusesAScheduleThatCannotWork() {
        assertThatThrownBy(() -> new ExponentialBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExponentialBackoff.DEFAULT.delay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
