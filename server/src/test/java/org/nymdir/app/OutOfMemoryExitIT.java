package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.testing.ChildJvm;

/**
 * On OutOfMemoryError the process exits with status 3, so a supervisor restarts it, instead of staying up
 * with a dead thread (the zombie of issue 10: JVM up, link and log threads dead, nothing answered). Each case
 * runs a child JVM whose "nym-link" thread exhausts a 32 MiB heap.
 */
class OutOfMemoryExitIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** Without nymdir's handler or the option, a JVM outlives the thread: the zombie the handler prevents. */
    @Test
    void withoutTheHandlerOrTheOptionTheJvmOutlivesTheThread() throws Exception {
        try (ChildJvm child = start(List.of(), "bare", "throw")) {
            assertThat(awaitLine(child, "alive after the error")).as("the zombie").isTrue();
            assertThat(child.isAlive()).isTrue();
        }
    }

    @Test
    void theHandlerEndsTheProcessWhenTheErrorEndsAThread() throws Exception {
        try (ChildJvm child = start(List.of(), "handler", "throw")) {
            assertThat(awaitLine(child, "alive after the error")).isFalse();
            assertThat(child.terminate(TIMEOUT)).isEqualTo(FatalErrors.EXIT_STATUS);
            assertThat(Files.readString(dir.resolve("stderr"))).contains("OutOfMemoryError")
                    .contains("thread nym-link").contains("exiting with status 3");
        }
    }

    /** The options shipped beside the jar end the process even where the error is caught and dropped. */
    @Test
    void theShippedJvmOptionsEndTheProcessEvenWhenTheErrorIsCaught() throws Exception {
        try (ChildJvm child = start(shippedJvmOptions(), "bare", "swallow")) {
            assertThat(awaitLine(child, "alive after the error")).isFalse();
            assertThat(child.terminate(TIMEOUT)).isEqualTo(FatalErrors.EXIT_STATUS);
        }
    }

    /** server/jvm.options, the argument file the launcher passes: its options, comments left out. */
    static List<String> shippedJvmOptions() throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("jvm.options"))) { // tests run in server/
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                options.add(line.strip());
            }
        }
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
        return options;
    }

    private ChildJvm start(List<String> jvmOptions, String handler, String mode) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx32m"));
        options.addAll(jvmOptions);
        return ChildJvm.builder(OutOfMemoryChild.class).args(handler, mode)
                .jvmOptions(options.toArray(String[]::new)).stderrTo(dir.resolve("stderr")).start();
    }

    /** Whether the child printed {@code line} before its output ended (or the timeout passed). */
    private static boolean awaitLine(ChildJvm child, String line) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String next;
        while ((next = child.nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) != null) {
            if (next.equals(line)) {
                return true;
            }
        }
        return false;
    }
}
