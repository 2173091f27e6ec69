package org.nymdir.load.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.nymdir.app.metrics.HistogramJson;
import org.nymdir.app.metrics.LatencyRecorder;

/**
 * One reading of the directory's {@code GET /stats}. A bench phase takes one before and one after, and the
 * difference is the phase's own: CPU seconds, and the directory-side latencies of its requests.
 */
record DirectoryStats(JsonNode json) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Reads the stats; null when there is no stats URL. {@code fullGc} first runs a full collection there. */
    static DirectoryStats read(URI url, boolean fullGc) throws IOException, InterruptedException {
        if (url == null) {
            return null;
        }
        URI u = fullGc ? URI.create(url + "?gc=1") : url;
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + u + " answered " + r.statusCode());
        }
        JsonNode json = Replies.parse(r.body());
        if (json == null) {
            throw new IOException("GET " + u + " did not answer JSON");
        }
        return new DirectoryStats(json);
    }

    double cpuSeconds() {
        return json.path("process").path("cpuNanos").asLong() / 1e9;
    }

    long heapUsed() {
        return json.path("process").path("heapUsed").asLong();
    }

    long heapMax() {
        return json.path("process").path("heapMax").asLong();
    }

    long peakHeapAfterGc() {
        return json.path("process").path("peakHeapAfterGc").asLong();
    }

    long gcMillis() {
        return json.path("process").path("gcMillis").asLong();
    }

    String ecdsaProvider() {
        return json.path("ecdsaProvider").asText("unknown");
    }

    /** The latencies of the given request kinds together (e.g. REGISTER and REGISTRATION_RESPONSE). */
    Histogram latency(String... kinds) {
        Histogram sum = LatencyRecorder.empty();
        for (String kind : kinds) {
            sum.add(HistogramJson.read(json.path("latencyMicros").path(kind)));
        }
        return sum;
    }
}
