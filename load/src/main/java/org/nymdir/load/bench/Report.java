package org.nymdir.load.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** One phase's figures: as JSON for the result file, and as a few lines for people. */
final class Report {
    private Report() {
    }

    /**
     * @param count requests (registrations, relays, lookups) attempted
     * @param duplicates relays delivered more than once (at-least-once delivery; not a loss)
     * @param seconds from the first request sent to the last one done
     * @param endToEnd as the bench saw it; {@code directory} as the directory measured it (null if unknown)
     * @param cpu directory, mixnet and bench CPU seconds spent in the phase (-1 where unknown)
     */
    record Phase(String name, long count, long ok, long failed, long lost, long duplicates, double seconds,
                 Histogram endToEnd, Histogram directory, double directoryCpu,
                 double mixnetCpu, double benchCpu, double loadAverage) {

        double perSecond() {
            return seconds <= 0 ? 0 : ok / seconds;
        }

        ObjectNode json() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("count", count).put("ok", ok).put("failed", failed).put("lost", lost).put("duplicates", duplicates);
            n.put("seconds", round(seconds)).put("perSecond", round(perSecond()));
            n.set("endToEndMs", latency(endToEnd));
            if (directory != null) {
                n.set("directorySideMs", latency(directory));
            }
            n.put("directoryCpuSeconds", round(directoryCpu));
            if (directoryCpu >= 0 && ok > 0) {
                n.put("directoryCpuMicrosPerRequest", round(directoryCpu * 1e6 / ok));
            }
            n.put("mixnetCpuSeconds", round(mixnetCpu)).put("benchCpuSeconds", round(benchCpu));
            n.put("loadAverage1m", loadAverage);
            return n;
        }

        String text() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%-13s %,d ok of %,d in %.2f s = %,.0f/s; failed %d, lost %d%s%n",
                    name, ok, count, seconds, perSecond(), failed, lost,
                    duplicates == 0 ? "" : ", delivered twice " + duplicates));
            b.append(String.format(Locale.ROOT, "%-13s end to end  %s%n", "", Report.text(endToEnd)));
            if (directory != null) {
                b.append(String.format(Locale.ROOT, "%-13s directory   %s%n", "", Report.text(directory)));
            }
            b.append(String.format(Locale.ROOT, "%-13s CPU s: directory %.2f%s, mixnet %.2f, bench %.2f; load %.2f%n",
                    "", directoryCpu, directoryCpu >= 0 && ok > 0
                            ? String.format(Locale.ROOT, " (%.0f us each)", directoryCpu * 1e6 / ok) : "",
                    mixnetCpu, benchCpu, loadAverage));
            return b.toString();
        }
    }

    static ObjectNode latency(Histogram s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("count", s.getTotalCount());
        n.put("p50", ms(s.getValueAtPercentile(50))).put("p95", ms(s.getValueAtPercentile(95)))
                .put("p99", ms(s.getValueAtPercentile(99))).put("max", ms(s.getMaxValue()));
        return n;
    }

    static String text(Histogram s) {
        return String.format(Locale.ROOT, "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (%,d samples)",
                ms(s.getValueAtPercentile(50)), ms(s.getValueAtPercentile(95)), ms(s.getValueAtPercentile(99)),
                ms(s.getMaxValue()), s.getTotalCount());
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
