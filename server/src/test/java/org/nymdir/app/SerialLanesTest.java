package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nymdir.testing.Await;

class SerialLanesTest {

    @Test
    void tasksOfOneKeyRunInSubmissionOrder() throws Exception {
        Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        try (SerialLanes lanes = new SerialLanes(1000)) {
            for (int i = 0; i < 2000; i++) {
                int key = i % 7;
                int n = i;
                lanes.submit(key, 1, () -> seen.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(n));
            }
            assertThat(lanes.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen).hasSize(7);
        seen.values().forEach(list -> assertThat(list).isSorted().hasSizeGreaterThan(280));
    }

    @Test
    void aBlockedKeyDoesNotHoldUpOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        try (SerialLanes lanes = new SerialLanes(10)) {
            lanes.submit("slow", 1, () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            lanes.submit("fast", 1, otherRan::countDown);
            assertThat(otherRan.await(5, TimeUnit.SECONDS)).isTrue();
            // the fast task ran; its lane finishes its bookkeeping right after, so wait for it
            Await.equal("requests still pending", lanes::pending, 1);
            release.countDown();
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFailingTaskDoesNotStopItsLane() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        try (SerialLanes lanes = new SerialLanes(10)) {
            lanes.submit("k", 1, () -> {
                throw new IllegalStateException("boom");
            });
            lanes.submit("k", 1, () -> ran.add("after"));
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ran).containsExactly("after");
    }
}
