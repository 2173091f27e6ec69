package org.nymdir.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void everyValueLandsInABucketWhoseBoundsHoldItWithinThreePercent() {
        long previousUpper = -1;
        for (int i = 0; i < LatencyHistogram.BUCKETS - 1; i++) {
            long upper = LatencyHistogram.upperBound(i);
            assertThat(upper).isGreaterThan(previousUpper);
            assertThat(LatencyHistogram.index(previousUpper + 1)).isEqualTo(i);
            assertThat(LatencyHistogram.index(upper)).isEqualTo(i);
            assertThat((double) (upper - previousUpper - 1)).isLessThanOrEqualTo(Math.max(0, upper * 0.032));
            previousUpper = upper;
        }
        assertThat(LatencyHistogram.index(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        assertThat(LatencyHistogram.index(-5)).isZero();
    }

    @Test
    void percentilesOfAnIntervalComeFromTheDifferenceOfSnapshots() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) {
            h.recordMicros(10_000); // an earlier phase, slow
        }
        LatencyHistogram.Snapshot before = h.snapshot();
        for (int i = 1; i <= 100; i++) {
            h.recordMicros(i * 10L);
        }
        LatencyHistogram.Snapshot interval = h.snapshot().minus(before);
        assertThat(interval.total()).isEqualTo(100);
        assertThat(interval.percentile(50)).isBetween(500L, 516L);
        assertThat(interval.percentile(99)).isBetween(990L, 1023L);
        assertThat(interval.max()).isBetween(1000L, 1031L);
        assertThat(LatencyHistogram.Snapshot.empty().percentile(99)).isZero();
        assertThat(HistogramJson.read(HistogramJson.write(interval)).counts()).isEqualTo(interval.counts());
    }
}
