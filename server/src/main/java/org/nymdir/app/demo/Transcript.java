package org.nymdir.app.demo;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * The demo's readable record: one row per step (number, step, who, path, time, outcome), printed as each
 * step ends so a slow step shows where it is.
 */
final class Transcript {
    private static final String ROW = "%3s  %-16s %-10s %-28s %8s  %s%n";

    private final PrintWriter out;
    private int steps;

    Transcript(PrintWriter out) {
        this.out = out;
    }

    void header(String... lines) {
        for (String line : lines) {
            out.println(line);
        }
        out.println();
        out.printf(ROW, "#", "step", "who", "path", "time", "outcome");
        out.flush();
    }

    void passed(String step, String who, String path, Duration took, String outcome) {
        row(step, who, path, took, "ok    " + outcome);
    }

    void failed(String step, String who, String path, Duration took, String why) {
        row(step, who, path, took, "FAIL  " + why);
    }

    private void row(String step, String who, String path, Duration took, String outcome) {
        out.printf(ROW, ++steps, step, who, path, millis(took), outcome);
        out.flush();
    }

    void footer(String... lines) {
        out.println();
        for (String line : lines) {
            out.println(line);
        }
        out.flush();
    }

    int steps() {
        return steps;
    }

    static String millis(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? ms + " ms" : String.format("%.1f s", ms / 1000.0);
    }
}
