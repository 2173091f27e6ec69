package org.nymdir.app;

import java.util.ArrayList;
import java.util.List;
import org.nymdir.testing.ChildJvm;

/**
 * A child JVM for {@link OutOfMemoryExitIT}: a thread named like the nym-client link runs out of heap, as the
 * link did under the padded-register flood. Arguments: {@code handler} or {@code bare} (whether nymdir's
 * {@link FatalErrors} handler is installed, as {@code Main} does), {@code throw} or {@code swallow} (whether
 * the thread lets the error escape, or catches it like a library that catches everything). If the JVM is
 * still there after the thread ended, it says so and waits: the zombie.
 */
public final class OutOfMemoryChild {
    private OutOfMemoryChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args[0].equals("handler")) {
            FatalErrors.install();
        }
        boolean swallow = args[1].equals("swallow");
        // printed before the hog starts: while it fills the heap, any allocation here could fail too and end
        // the main thread (and with it a bare JVM) for a reason that is not the one under test
        ChildJvm.print("started");
        Thread link = Thread.ofPlatform().name("nym-link").start(() -> {
            try {
                exhaustTheHeap();
            } catch (OutOfMemoryError e) {
                if (!swallow) {
                    throw e;
                }
            }
        });
        link.join();
        ChildJvm.print("alive after the error");
        Thread.sleep(60_000);
    }

    private static void exhaustTheHeap() {
        List<long[]> hog = new ArrayList<>();
        while (true) {
            hog.add(new long[1 << 16]);
        }
    }
}
