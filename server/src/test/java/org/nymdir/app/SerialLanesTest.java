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
        return new SerialLanes(new SerialLanes.Bounds(workers, perLane), 2L * perRing); // tasks of 1 byte
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
                assertThat(lanes.submit(key, key % 2 == 0, 1, () -> seen
                        .computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(n))).isTrue();
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
            lanes.submit("slow", false, 1, blockedUntil(release));
            lanes.submit("fast", false, 1, otherRan::countDown);
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
            lanes.submit("k", false, 1, () -> {
                throw new IllegalStateException("boom");
            });
            lanes.submit("k", false, 1, () -> ran.add("after"));
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ran).containsExactly("after");
    }

    @Test
    void oneKeyTakesTurnsWithTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (SerialLanes lanes = lanes(1, 100, 100)) {
            lanes.submit("gate", false, 1, blockedUntil(release)); // holds the only worker while we queue
            Await.equal("the gate runs", lanes::running, 1);
            for (int i = 0; i < 5; i++) {
                int n = i;
                lanes.submit("flood", false, 1, () -> order.add("flood" + n));
            }
            lanes.submit("quiet", false, 1, () -> order.add("quiet"));
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
            lanes.submit("gate", false, 1, blockedUntil(release));
            Await.equal("the gate runs", lanes::running, 1);
            for (int i = 0; i < 100; i++) {
                int n = i;
                lanes.submit("stranger" + i, false, 1, () -> order.add("stranger" + n)); // a new tag each time
            }
            lanes.submit("member", true, 1, () -> order.add("member"));
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
            lanes.submit("gate", true, 1, blockedUntil(release));
            Await.equal("the gate runs", lanes::running, 1);
            for (int i = 0; i < 100; i++) {
                int n = i;
                lanes.submit("member" + i, true, 1, () -> order.add("member" + n));
            }
            lanes.submit("stranger", false, 1, () -> order.add("stranger"));
            release.countDown();
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(order.indexOf("stranger")).isLessThanOrEqualTo(SerialLanes.MEMBER_TURNS);
    }

    /** The rings' bound is in bytes: a task that would exceed it is refused; one larger than all fits alone. */
    @Test
    void aRingsBoundIsInBytes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SerialLanes lanes = new SerialLanes(new SerialLanes.Bounds(1, 10), 2000)) {
            assertThat(lanes.submit("big", false, 700, blockedUntil(release))).isTrue();
            Await.equal("the big task runs", lanes::running, 1);
            assertThat(lanes.submit("small", false, 300, () -> { })).as("fits beside it").isTrue();
            assertThat(lanes.submit("more", false, 1, () -> { })).as("one byte more than is left").isFalse();
            assertThat(lanes.submit("member", true, 5000, () -> { })).as("larger than all, into an empty ring")
                    .isTrue();
            assertThat(lanes.queuedBytes()).isEqualTo(6000);
            release.countDown();
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
            assertThat(lanes.queuedBytes()).isZero();
        }
    }

    @Test
    void aFullLaneOrAFullStrangersRingRefusesWithoutTouchingMembers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SerialLanes lanes = lanes(1, 3, 2)) {
            assertThat(lanes.submit("gate", false, 1, blockedUntil(release))).isTrue();
            Await.equal("the gate runs", lanes::running, 1);
            assertThat(lanes.submit("gate", false, 1, () -> { })).isTrue();
            assertThat(lanes.submit("gate", false, 1, () -> { })).as("lane bound").isFalse();
            assertThat(lanes.submit("other", false, 1, () -> { })).isTrue();
            assertThat(lanes.submit("third", false, 1, () -> { })).as("strangers' ring bound").isFalse();
            assertThat(lanes.submit("member", true, 1, () -> { })).as("members have their own room").isTrue();
            release.countDown();
            assertThat(lanes.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
