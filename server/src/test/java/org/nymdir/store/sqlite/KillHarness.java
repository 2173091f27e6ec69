package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.nymdir.testing.ChildJvm;

/**
 * Crash tests: a child JVM writes and prints a line for each write after its call returned (the moment the
 * directory would reply "success"); the parent SIGKILLs it mid-stream (no shutdown hook, no close, no
 * checkpoint) and then checks the reopened file against what was printed.
 *
 * <p>Only lines the parent read before the kill count; a write acknowledged but not yet read is simply not
 * checked, so the test never claims more than it saw.
 */
final class KillHarness {

    private KillHarness() {
    }

    /**
     * Runs {@code main(args)} in a child JVM on this test's class path and returns every line it printed,
     * up to the moment {@code acks} lines starting with {@code ackPrefix} were read and it was killed.
     */
    static List<String> runAndKill(Class<?> main, String ackPrefix, int acks, String... args) throws Exception {
        int seen = 0;
        try (ChildJvm child = ChildJvm.builder(main).args(args).start()) {
            String line;
            while ((line = child.nextLine(Duration.ofSeconds(60))) != null) {
                if (line.startsWith(ackPrefix) && ++seen >= acks) {
                    child.kill(); // SIGKILL, checked
                    // Keep what it printed between our decision and its death: a line like "rm? x" there
                    // means a removal may have started, and ignoring it would fail an honest store.
                    String rest;
                    do {
                        rest = child.nextLine(Duration.ofSeconds(10));
                    } while (rest != null);
                    break;
                }
            }
            assertThat(seen).as("acknowledged writes before the kill (did the child fail?)")
                    .isGreaterThanOrEqualTo(acks);
            return child.lines();
        }
    }

    /** The rest of each line starting with {@code prefix}. */
    static List<String> after(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }
}
