package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
                lanes.submit(key, 1, () -> seen.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(n));
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

    /** The bound is in bytes: a submitter waits while what is queued and running would exceed it. */
    @Test
    void aSubmitterWaitsWhileTheQueuedBytesWouldExceedTheBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        try (SerialLanes lanes = new SerialLanes(1000)) {
            lanes.submit("big", 700, () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            lanes.submit("small", 300, () -> ran.add("small")); // fits beside it
            Await.until("the small task ran", () -> ran.contains("small"), Duration.ofSeconds(5));
            Thread waiting = Thread.ofVirtual().start(() -> {
                try {
                    lanes.submit("more", 301, () -> ran.add("more")); // one byte more than is left
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Await.until("the third submitter waits", () -> waiting.getState() == Thread.State.WAITING,
                    Duration.ofSeconds(5));
            assertThat(lanes.queuedBytes()).isEqualTo(700);
            assertThat(ran).containsExactly("small");
            release.countDown();
            waiting.join(5000);
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ran).containsExactly("small", "more");
    }
}
