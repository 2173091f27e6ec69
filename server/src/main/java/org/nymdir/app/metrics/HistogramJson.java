package org.nymdir.app.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A latency histogram as JSON: summary figures in microseconds for people ({@code count}, {@code p50},
 * {@code p95}, {@code p99}, {@code max}), and the whole histogram in HdrHistogram's compressed encoding
 * ({@code hdr}, base64) so that a reader can subtract two readings and get an interval's percentiles.
 */
public final class HistogramJson {
    private HistogramJson() {
    }

    public static ObjectNode write(Histogram h) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("count", h.getTotalCount());
        node.put("p50", h.getValueAtPercentile(50));
        node.put("p95", h.getValueAtPercentile(95));
        node.put("p99", h.getValueAtPercentile(99));
        node.put("max", h.getMaxValue());
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        node.put("hdr", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
        return node;
    }

    /** The histogram of a node {@link #write} made; an empty one when the node has none. */
    public static Histogram read(JsonNode node) {
        JsonNode hdr = node == null ? null : node.get("hdr");
        Histogram out = LatencyRecorder.empty();
        if (hdr == null || !hdr.isTextual()) {
            return out;
        }
        try {
            out.add(Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(hdr.textValue())), 1));
        } catch (DataFormatException | RuntimeException e) { // a truncated or foreign encoding
            throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
        }
        return out;
    }
}
