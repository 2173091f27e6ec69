package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Crash tests: a child JVM writes and prints a line for each write after its call returned (the moment the
 * directory would reply "success"); the parent SIGKILLs it mid-stream (no shutdown hook, no close, no
 * checkpoint) and then checks the reopened file against what was printed.
 *
 * <p>Only lines the parent read before the kill count; a write acknowledged but not yet read is simply not
 * checked, so the test never claims more than it saw.
 */
final class KillHarness {

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private KillHarness() {
    }

    /**
     * Runs {@code main(args)} in a child JVM on this test's class path and returns every line it printed,
     * up to the moment {@code acks} lines starting with {@code ackPrefix} were read and it was killed.
     */
    static List<String> runAndKill(Class<?> main, String ackPrefix, int acks, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback-test.xml", main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        int seen = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith(ackPrefix) && ++seen >= acks) {
                    child.destroyForcibly(); // SIGKILL
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen).as("acknowledged writes before the kill (did the child fail?)").isGreaterThanOrEqualTo(acks);
        return lines;
    }

    /** The rest of each line starting with {@code prefix}. */
    static List<String> after(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }

    /** For the child: prints a whole line and flushes it before returning, from any thread. */
    static void print(String line) {
        synchronized (OUT) {
            OUT.println(line);
        }
    }

    /** SQLite's own check of the file: every page, index and constraint. */
    static void assertIntact(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }
}
