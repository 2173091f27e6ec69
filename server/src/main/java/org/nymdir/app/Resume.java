package org.nymdir.app;

import java.util.List;
import java.util.concurrent.Semaphore;
import org.nymdir.directory.Directory;
import org.nymdir.directory.Outcome;
import org.nymdir.directory.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a start or crash: the mail accepted before it, whose recipients are still reachable, goes out again.
 * Streamed on a thread of its own, so the directory serves at once: the mailbox hands over one recipient's
 * batch at a time, and at most {@code windowBytes} of it waits for the link at once (a batch waits until
 * earlier ones were confirmed or failed). So a mailbox far larger than the heap resumes within it, and live
 * replies keep the rest of the link's queue.
 */
final class Resume implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Resume.class);
    /** Heap of one delivery besides its texts: records, the encoded frame's overhead, the link's bookkeeping. */
    private static final int DELIVERY_BYTES = 1024;

    private final Directory directory;
    private final Pipeline pipeline;
    private final int windowBytes;
    private final Semaphore window;
    private volatile boolean stopped;
    private Thread thread;
    private long delivered;

    Resume(Directory directory, Pipeline pipeline, int windowBytes) {
        this.directory = directory;
        this.pipeline = pipeline;
        this.windowBytes = windowBytes;
        this.window = new Semaphore(windowBytes);
    }

    synchronized void start() {
        thread = Thread.ofVirtual().name("resume").start(this::run);
    }

    private void run() {
        directory.resume(this::handOut);
        if (!stopped) {
            log.info("resume after start: {} waiting messages handed out again", delivered);
        }
    }

    private boolean handOut(List<Outcome.Delivery> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Outcome.Delivery d = batch.get(i);
            int permits = Math.min(windowBytes, weight(d));
            try {
                window.acquire(permits); // waits for the link to be done with earlier batches
            } catch (InterruptedException e) {
                stopped = true; // close() interrupts
            }
            if (stopped) {
                batch.subList(i, batch.size()).forEach(directory::notHandedOff); // they wait for the next fresh tag
                return false;
            }
            pipeline.deliver(d).whenComplete((ok, failure) -> window.release(permits));
            delivered++;
        }
        return true;
    }

    /** What a delivery holds until the link is done with it: its texts twice (reply, then frame), and more. */
    static int weight(Outcome.Delivery d) {
        long chars = d.reply() instanceof Reply.Incoming m
                ? m.rawBody().length() + (m.rawSenderPublicKey() == null ? 0 : m.rawSenderPublicKey().length())
                : 0;
        return (int) Math.min(Integer.MAX_VALUE, DELIVERY_BYTES + 4 * chars);
    }

    /** Stops handing out (what was not handed out waits for its recipient's next fresh tag) and waits for it. */
    @Override
    public void close() {
        stopped = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
