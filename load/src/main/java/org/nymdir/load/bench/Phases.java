package org.nymdir.load.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import org.HdrHistogram.Histogram;

/**
 * Runs the bench's phases one after another, each between two readings of the directory's stats and of the
 * processes' CPU time, and prints each phase's figures as it ends.
 */
final class Phases {
    private final Target target;
    private final PrintStream out;
    private final DirectoryStats first;

    Phases(Target target, PrintStream out) throws IOException, InterruptedException {
        this.target = target;
        this.out = out;
        this.first = DirectoryStats.read(target.statsUrl(), false);
        if (first != null) {
            out.println("directory ECDSA provider: " + first.ecdsaProvider());
        }
    }

    Report.Phase registrations(String name, Registrations reg, long timeoutSeconds) throws Exception {
        Snapshot before = Snapshot.take(target);
        long start = System.nanoTime();
        boolean finished;
        Progress progress = new Progress(out, name, reg.total(), reg::done, () -> 0);
        try {
            finished = reg.run(timeoutSeconds);
        } finally {
            progress.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Snapshot after = Snapshot.take(target);
        long lost = reg.total() - reg.done();
        Report.Phase phase = new Report.Phase(name, reg.total(), reg.ok(), reg.failed(), lost, 0, seconds,
                reg.endToEnd(), directorySide(before, after, "REGISTER", "REGISTRATION_RESPONSE"),
                before.directoryCpu(after), before.mixnetCpu(after), before.benchCpu(after), CpuTime.loadAverage());
        print(phase, finished, reg.unexpected());
        return phase;
    }

    Report.Phase traffic(String name, Traffic.Item[] items, int bodyIdOffset, Connection.Kind kind, Connection[] conns,
                         Replies replies, int inFlight, double rate, long timeoutSeconds, String statsKind)
            throws Exception {
        Traffic traffic = new Traffic(conns, items, bodyIdOffset, kind, replies);
        Snapshot before = Snapshot.take(target);
        double seconds;
        Progress progress = new Progress(out, name, items.length, traffic::done, traffic::inFlight);
        try {
            seconds = traffic.run(inFlight, rate, timeoutSeconds);
        } finally {
            progress.close();
        }
        Snapshot after = Snapshot.take(target);
        Report.Phase phase = new Report.Phase(name, items.length, traffic.done() - traffic.failed(),
                traffic.failed(), traffic.lost(), traffic.duplicates(), seconds, traffic.endToEnd(),
                directorySide(before, after, statsKind), before.directoryCpu(after), before.mixnetCpu(after),
                before.benchCpu(after), CpuTime.loadAverage());
        print(phase, traffic.lost() == 0, traffic.unexpected());
        if (rate > 0) {
            out.printf("%-13s offered %.0f/s; the sender fell behind its schedule by at most %.1f ms%n", "", rate,
                    traffic.maxLagMillis());
        }
        return phase;
    }

    /** The directory's CPU and heap over the whole run; the heap after a full collection is its live set. */
    ObjectNode directorySummary() throws IOException, InterruptedException {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        DirectoryStats end = DirectoryStats.read(target.statsUrl(), true);
        if (end == null) {
            return n;
        }
        n.put("ecdsaProvider", end.ecdsaProvider());
        n.put("cpuSeconds", Report.round(end.cpuSeconds() - first.cpuSeconds()));
        n.put("heapMaxBytes", end.heapMax());
        n.put("peakHeapAfterGcBytes", end.peakHeapAfterGc());
        n.put("liveHeapAtEndBytes", end.heapUsed());
        n.put("gcMillis", end.gcMillis() - first.gcMillis());
        out.printf("directory: CPU %.2f s over the run; heap limit %d MB, peak after GC %d MB, live at end %d MB%n",
                end.cpuSeconds() - first.cpuSeconds(), end.heapMax() >> 20, end.peakHeapAfterGc() >> 20,
                end.heapUsed() >> 20);
        return n;
    }

    /** The directory's latencies of the phase; null when unknown (no stats, or the directory restarted). */
    private static Histogram directorySide(Snapshot before, Snapshot after, String... kinds) {
        if (before.stats == null || after.stats == null) {
            return null;
        }
        Histogram interval = after.stats.latency(kinds);
        try {
            interval.subtract(before.stats.latency(kinds));
        } catch (IllegalArgumentException e) {
            return null; // fewer counts after than before: not the same directory process
        }
        return interval;
    }

    private void print(Report.Phase phase, boolean finished, long unexpected) {
        out.print(phase.text());
        if (!finished) {
            out.printf("%-13s did not finish within the timeout%n", "");
        }
        if (unexpected > 0) {
            out.printf("%-13s %d unexpected frames%n", "", unexpected);
        }
    }

    /** CPU times and directory stats at one moment. */
    private record Snapshot(DirectoryStats stats, double directoryProc, double mixnetProc, double bench) {
        static Snapshot take(Target t) throws IOException, InterruptedException {
            DirectoryStats s = DirectoryStats.read(t.statsUrl(), false);
            return new Snapshot(s, CpuTime.seconds(t.directoryPid()), CpuTime.seconds(t.mixnetPid()), CpuTime.self());
        }

        double directoryCpu(Snapshot after) {
            if (stats != null && after.stats != null) {
                return after.stats.cpuSeconds() - stats.cpuSeconds();
            }
            return directoryProc < 0 ? -1 : after.directoryProc - directoryProc;
        }

        double mixnetCpu(Snapshot after) {
            return mixnetProc < 0 ? -1 : after.mixnetProc - mixnetProc;
        }

        double benchCpu(Snapshot after) {
            return after.bench - bench;
        }
    }
}
