package org.nymdir.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    @Test
    void percentilesOfAnIntervalComeFromTheDifferenceOfSnapshotsWithinOnePercent() {
        LatencyRecorder h = new LatencyRecorder();
        for (int i = 0; i < 1000; i++) {
            h.recordMicros(10_000); // an earlier phase, slow
        }
        Histogram before = h.snapshot();
        for (int i = 1; i <= 100; i++) {
            h.recordMicros(i * 10L);
        }
        Histogram interval = h.snapshot();
        interval.subtract(before);
        assertThat(interval.getTotalCount()).isEqualTo(100);
        assertThat(interval.getValueAtPercentile(50)).isBetween(500L, 505L);
        assertThat(interval.getValueAtPercentile(99)).isBetween(990L, 1000L);
        assertThat(interval.getMaxValue()).isBetween(1000L, 1010L);
        assertThat(LatencyRecorder.empty().getValueAtPercentile(99)).isZero();
    }

    @Test
    void aLatencyBeyondAnHourCountsAsAnHourAndNothingIsRefused() {
        LatencyRecorder h = new LatencyRecorder();
        h.recordNanos(Long.MAX_VALUE);
        h.recordMicros(-5);
        Histogram s = h.snapshot();
        assertThat(s.getTotalCount()).isEqualTo(2);
        assertThat(s.getMaxValue())
                .isBetween(LatencyRecorder.HIGHEST_MICROS, LatencyRecorder.HIGHEST_MICROS * 101 / 100);
    }

    @Test
    void jsonCarriesTheFiguresForPeopleAndTheWholeHistogramForReaders() throws Exception {
        LatencyRecorder h = new LatencyRecorder();
        for (int i = 1; i <= 1000; i++) {
            h.recordMicros(i);
        }
        Histogram s = h.snapshot();
        var json = new ObjectMapper().readTree(HistogramJson.write(s).toString()); // as it travels
        assertThat(json.get("count").asLong()).isEqualTo(1000);
        assertThat(json.get("p50").asLong()).isEqualTo(s.getValueAtPercentile(50)).isBetween(500L, 505L);
        assertThat(json.get("p99").asLong()).isBetween(990L, 1000L);
        assertThat(json.get("max").asLong()).isBetween(1000L, 1010L);
        Histogram read = HistogramJson.read(json);
        assertThat(read).isEqualTo(s);
        assertThat(HistogramJson.read(null).getTotalCount()).isZero();
        assertThat(HistogramJson.read(new ObjectMapper().readTree("{\"count\": 3}")).getTotalCount()).isZero();
        assertThatThrownBy(() -> HistogramJson.read(new ObjectMapper().readTree("{\"hdr\": \"AAAA\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
