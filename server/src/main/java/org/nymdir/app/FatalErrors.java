package org.nymdir.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * What the process does when the JVM itself fails (OutOfMemoryError, StackOverflowError, InternalError):
 * it stops at once with status {@value #EXIT_STATUS}, as {@code -XX:+ExitOnOutOfMemoryError} makes HotSpot
 * do, so a supervisor notices and starts it again. An OutOfMemoryError otherwise kills only the thread it
 * hits: the nym-client link and the log writer died that way, and the JVM stayed up answering nothing, a
 * zombie no supervisor sees.
 *
 * <p>Two layers: {@code -XX:+ExitOnOutOfMemoryError} (in {@code jvm.options} beside the jar, which the
 * launcher uses) stops the JVM at the first OutOfMemoryError wherever it is thrown, even inside a library
 * that catches everything; this handler stops it when any such error reaches the top of a thread, for JVMs
 * started without the option. Halting skips the shutdown hooks on purpose: they may not run in a broken JVM,
 * and every answered write is already committed (SQLite WAL).
 */
public final class FatalErrors {
    /** The status HotSpot exits with under {@code -XX:+ExitOnOutOfMemoryError}. */
    public static final int EXIT_STATUS = 3;

    private FatalErrors() {
    }

    /** Makes every thread's uncaught VirtualMachineError end the process; other failures print as before. */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler(FatalErrors::uncaught);
    }

    static void uncaught(Thread thread, Throwable failure) {
        if (failure instanceof VirtualMachineError) {
            try {
                System.err.println("nymdir: " + failure + " in thread " + thread.getName()
                        + "; exiting with status " + EXIT_STATUS + " so that a supervisor restarts it");
            } finally {
                Runtime.getRuntime().halt(EXIT_STATUS);
            }
        }
        // what the JVM prints without a handler
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        failure.printStackTrace(System.err);
    }

    /** Whether this JVM runs with {@code -XX:+ExitOnOutOfMemoryError}. */
    static boolean exitsOnOutOfMemory() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("ExitOnOutOfMemoryError").getValue());
        } catch (RuntimeException e) {
            return false; // not HotSpot: the handler alone
        }
    }
}
