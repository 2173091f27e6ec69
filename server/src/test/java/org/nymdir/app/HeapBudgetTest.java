package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The heap's shares: the figures README gives, and together well under half the heap. */
class HeapBudgetTest {
    private static final long MIB = 1 << 20;

    @Test
    void at256MibTheSharesAreTheDocumentedOnes() {
        HeapBudget b = HeapBudget.forHeap(256 * MIB);
        assertThat(b.requestQueueBytes()).isEqualTo(16 * MIB);
        assertThat(b.outboundBytes()).isEqualTo(32 * MIB);
        assertThat(b.resumeWindowBytes()).isEqualTo(8 * MIB);
        assertThat(b.challengeBytes()).isEqualTo(8 * MIB);
        assertThat(b.parsedKeyBytes()).isEqualTo(8 * MIB);
        assertThat(b.presenceBytes()).isEqualTo(8 * MIB);
        assertThat(b.directory().rateLimiterBytes()).isEqualTo(8 * MIB);
        assertThat(b.directory().handedOutBytes()).isEqualTo(8 * MIB);
        assertThat(b.directory().batchBytes()).isEqualTo(2 * MIB);
        assertThat(b.challenges().maxBytes()).isEqualTo(8 * MIB);
    }

    @Test
    void togetherTheyTakeAtMostFortyPercentOfAnyHeap() {
        for (long heap : new long[] {64 * MIB, 256 * MIB, 1024 * MIB, 8192 * MIB}) {
            assertThat(HeapBudget.forHeap(heap).total()).as("at %d MiB", heap / MIB).isLessThanOrEqualTo(heap * 4 / 10);
        }
    }

    @Test
    void queuesCountedInIntPermitsStayWithinThemAndANoLimitJvmCountsAsFourGib() {
        HeapBudget huge = HeapBudget.forHeap(64L << 30);
        assertThat(huge.outboundBytes()).isEqualTo(1 << 30);
        assertThat(huge.requestQueueBytes()).isEqualTo(1 << 30);
        assertThat(HeapBudget.forHeap(Long.MAX_VALUE)).isEqualTo(HeapBudget.forHeap(4L << 30));
        assertThat(HeapBudget.forHeap(1)).as("a floor of 64 MiB").isEqualTo(HeapBudget.forHeap(64 * MIB));
    }
}
