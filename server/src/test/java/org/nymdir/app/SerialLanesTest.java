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

    private static SerialLanes lanes(int workers, int perRing, int perLane) {
        return new SerialLanes(new SerialLanes.Bounds(workers, perRing, perLane));
    }

    /** A task that waits until the latch opens. */
    private static Runnable blockedUntil(CountDownLatch release) {
        return () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void tasksOfOneKeyRunInSubmissionOrder() throws Exception {
        Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        try (SerialLanes lanes = lanes(4, 10_000, 1000)) {
            for (int i = 0; i < 2000; i++) {
                int key = i % 7;
                int n = i;
                assertThat(lanes.submit(key, key % 2 == 0,
                        () -> seen.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(n)))
                        .isTrue();
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
        try (SerialLanes lanes = lanes(2, 10, 10)) {
            lanes.submit("slow", false, blockedUntil(release));
            lanes.submit("fast", false, otherRan::countDown);
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
        try (SerialLanes lanes = lanes(1, 10, 10)) {
            lanes.submit("k", false, () -> {
                throw new IllegalStateException("boom");
            });
            lanes.submit("k", false, () -> ran.add("after"));
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ran).containsExactly("after");
    }

    @Test
    void oneKeyTakesTurnsWithTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (SerialLanes lanes = lanes(1, 100, 100)) {
            lanes.submit("gate", false, blockedUntil(release)); // holds the only worker while we queue
            Await.equal("the gate runs", lanes::running, 1);
            for (int i = 0; i < 5; i++) {
                int n = i;
                lanes.submit("flood", false, () -> order.add("flood" + n));
            }
            lanes.submit("quiet", false, () -> order.add("quiet"));
            release.countDown();
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(order).containsExactly("flood0", "quiet", "flood1", "flood2", "flood3", "flood4");
    }

    @Test
    void membersAreServedBeforeAFloodOfStrangers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (SerialLanes lanes = lanes(1, 1000, 10)) {
            lanes.submit("gate", false, blockedUntil(release));
            Await.equal("the gate runs", lanes::running, 1);
            for (int i = 0; i < 100; i++) {
                int n = i;
                lanes.submit("stranger" + i, false, () -> order.add("stranger" + n)); // a new tag each time
            }
            lanes.submit("member", true, () -> order.add("member"));
            release.countDown();
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        }
        // Within the first turns, not behind the hundred strangers that came first.
        assertThat(order.indexOf("member")).isLessThanOrEqualTo(SerialLanes.MEMBER_TURNS);
        assertThat(order).hasSize(101);
    }

    @Test
    void strangersAreNeverStarvedByMembers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (SerialLanes lanes = lanes(1, 1000, 10)) {
            lanes.submit("gate", true, blockedUntil(release));
            Await.equal("the gate runs", lanes::running, 1);
            for (int i = 0; i < 100; i++) {
                int n = i;
                lanes.submit("member" + i, true, () -> order.add("member" + n));
            }
            lanes.submit("stranger", false, () -> order.add("stranger"));
            release.countDown();
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(order.indexOf("stranger")).isLessThanOrEqualTo(SerialLanes.MEMBER_TURNS);
    }

    @Test
    void aFullLaneOrAFullStrangersRingRefusesWithoutTouchingMembers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SerialLanes lanes = lanes(1, 3, 2)) {
            assertThat(lanes.submit("gate", false, blockedUntil(release))).isTrue();
            Await.equal("the gate runs", lanes::running, 1);
            assertThat(lanes.submit("gate", false, () -> { })).isTrue();
            assertThat(lanes.submit("gate", false, () -> { })).as("lane bound").isFalse();
            assertThat(lanes.submit("other", false, () -> { })).isTrue();
            assertThat(lanes.submit("third", false, () -> { })).as("strangers' ring bound").isFalse();
            assertThat(lanes.submit("member", true, () -> { })).as("members have their own room").isTrue();
            release.countDown();
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
