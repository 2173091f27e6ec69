package org.nymdir.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nymdir.store.StoreException;
import org.nymdir.testing.Await;

class ReadinessTest {

    @Test
    void readyOnlyWhileTheLinkIsUpAndTheStoreAnswers() {
        assertThat(new Readiness(() -> true, () -> { }, Duration.ofSeconds(5)).check().ready()).isTrue();
        Readiness.State linkDown = new Readiness(() -> false, () -> { }, Duration.ofSeconds(5)).check();
        assertThat(linkDown.ready()).isFalse();
        assertThat(linkDown.storeUp()).isTrue();
        Readiness.State storeDown = new Readiness(() -> true, () -> {
            throw new StoreException("connection refused", null);
        }, Duration.ofSeconds(5)).check();
        assertThat(storeDown.ready()).isFalse();
        assertThat(storeDown.storeProblem()).isEqualTo("StoreException");
    }

    @Test
    void aHungStoreIsDownAndGetsOneProbeAtATime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger probes = new AtomicInteger();
        Readiness readiness = new Readiness(() -> true, () -> {
            probes.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofMillis(50));
        assertThat(readiness.check().storeUp()).isFalse();
        Await.until("the first probe runs", () -> probes.get() == 1, Duration.ofSeconds(10));
        for (int i = 0; i < 4; i++) {
            Readiness.State state = readiness.check();
            assertThat(state.storeUp()).isFalse();
            assertThat(state.storeProblem()).startsWith("no answer within");
        }
        assertThat(probes).hasValue(1);
        release.countDown();
    }
}
