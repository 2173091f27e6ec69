package org.nymdir.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nymdir.testing.TestClock;

class WorkDifficultyTest {
    private final TestClock clock = TestClock.atEpochDay();
    private final WorkDifficulty difficulty = new WorkDifficulty(clock, NamePolicy.defaults().withWork(16, 19));

    private List<Integer> issue(int n) {
        List<Integer> bits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bits.add(difficulty.next());
        }
        return bits;
    }

    @Test
    void restsAtItsBitsAndRisesABitPerDoublingOfTheRateUpToItsCeiling() {
        List<Integer> bits = issue(WorkDifficulty.RESTING_PER_MINUTE * 8 + 1);
        int resting = WorkDifficulty.RESTING_PER_MINUTE;
        assertThat(bits.subList(0, resting)).containsOnly(16);
        assertThat(bits.get(resting)).isEqualTo(17);
        assertThat(bits.get(2 * resting - 1)).isEqualTo(18);
        assertThat(bits.getLast()).as("the ceiling").isEqualTo(19);
    }

    @Test
    void fallsAMinuteAfterTheBurst() {
        issue(WorkDifficulty.RESTING_PER_MINUTE * 2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(difficulty.next()).as("last minute's rate still counts").isEqualTo(18);
        clock.advance(Duration.ofMinutes(1));
        assertThat(difficulty.next()).isEqualTo(16);
    }

    @Test
    void offMeansNoPuzzle() {
        WorkDifficulty off = new WorkDifficulty(clock, NamePolicy.defaults().withWork(0, 0));
        assertThat(off.next()).isZero();
    }
}
