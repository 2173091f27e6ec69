package org.nymdir.app.metrics;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * This process's CPU time and heap, as the JVM itself sees them. "Heap after GC" is the heap still in use when
 * a collection finished, the closest cheap estimate of the live set; its peak over the run is what a heap
 * limit must accommodate (the used heap between collections mostly measures how lazy the collector is).
 */
public final class ProcessStats {
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong gcMillis = new AtomicLong();
    private final Set<String> heapPools = new HashSet<>();

    public ProcessStats() {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        onGc(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()));
                    }
                }, null, null);
            }
        }
    }

    private void onGc(GarbageCollectionNotificationInfo info) {
        collections.incrementAndGet();
        gcMillis.addAndGet(info.getGcInfo().getDuration());
        long used = 0;
        // the map has every pool, metaspace and code cache too: count the heap's only
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(used, Math::max);
    }

    /** A snapshot; with {@code fullGc} a full collection runs first, so {@code heapUsed} is the live set. */
    public Snapshot snapshot(boolean fullGc) {
        if (fullGc) {
            System.gc();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        if (fullGc) {
            // right after a full collection the heap in use is "after GC"; its notification may still be on its way
            peakAfterGc.accumulateAndGet(heap.getUsed(), Math::max);
        }
        return new Snapshot(os.getProcessCpuTime(), heap.getUsed(), heap.getCommitted(), heap.getMax(),
                peakAfterGc.get(), collections.get(), gcMillis.get());
    }

    /**
     * @param cpuNanos CPU time of the whole process, all threads, user and system
     * @param heapUsed heap in use now
     * @param heapCommitted heap the JVM holds from the OS now
     * @param heapMax the heap limit (-Xmx)
     * @param peakHeapAfterGc the most heap still in use after any collection so far
     * @param collections collections so far
     * @param gcMillis time spent in them
     */
    public record Snapshot(long cpuNanos, long heapUsed, long heapCommitted, long heapMax, long peakHeapAfterGc,
                           long collections, long gcMillis) {
    }
}
