package org.nymdir.app.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A histogram snapshot as JSON: summary figures for people, and the non-empty buckets ({@code index: count})
 * so that a reader can subtract two snapshots and get an interval's percentiles.
 */
public final class HistogramJson {
    private HistogramJson() {
    }

    public static ObjectNode write(LatencyHistogram.Snapshot s) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("count", s.total());
        node.put("p50", s.percentile(50));
        node.put("p95", s.percentile(95));
        node.put("p99", s.percentile(99));
        node.put("max", s.max());
        ObjectNode buckets = node.putObject("buckets");
        for (int i = 0; i < LatencyHistogram.BUCKETS; i++) {
            if (s.count(i) > 0) {
                buckets.put(Integer.toString(i), s.count(i));
            }
        }
        return node;
    }

    public static LatencyHistogram.Snapshot read(JsonNode node) {
        long[] counts = new long[LatencyHistogram.BUCKETS];
        JsonNode buckets = node == null ? null : node.get("buckets");
        if (buckets != null) {
            for (Map.Entry<String, JsonNode> e : buckets.properties()) {
                int i = Integer.parseInt(e.getKey());
                if (i >= 0 && i < counts.length) {
                    counts[i] = e.getValue().asLong();
                }
            }
        }
        return new LatencyHistogram.Snapshot(counts);
    }
}
