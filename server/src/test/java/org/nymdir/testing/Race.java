package org.nymdir.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs bodies on threads of their own, all released at once from a common start line (so they really
 * overlap), waits for every one and rethrows the first failure, an assertion included.
 *
 * <pre>{@code
 * Race.run(8, thread -> store.insertUser(new UserRecord("u" + thread, key, tag)));
 * }</pre>
 */
public final class Race {
    private Race() {
    }

    /** A body that knows which of the racing threads runs it. */
    @FunctionalInterface
    public interface ThreadBody {
        void run(int thread) throws Exception;
    }

    /** {@code body(0)} to {@code body(threads - 1)}, each on its own thread. */
    public static void run(int threads, ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    body.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
