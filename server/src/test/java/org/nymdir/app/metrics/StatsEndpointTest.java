package org.nymdir.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nymdir.directory.Request;

class StatsEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesLatenciesCpuAndHeapOnLoopback() throws Exception {
        RequestMetrics metrics = new RequestMetrics();
        metrics.record(RequestMetrics.Kind.of(new Request.Query("alice")), 1_500_000);
        metrics.record(RequestMetrics.Kind.SEND, 250_000);
        try (StatsEndpoint stats = StatsEndpoint.start(0, metrics, new ProcessStats(), Map.of("ecdsaProvider", "X"))) {
            JsonNode body = get(stats, "/stats?gc=1", 200);
            assertThat(body.path("ecdsaProvider").asText()).isEqualTo("X");
            assertThat(body.at("/latencyMicros/QUERY/count").asLong()).isEqualTo(1);
            assertThat(body.at("/latencyMicros/QUERY/p99").asLong()).isBetween(1500L, 1550L);
            assertThat(body.at("/latencyMicros/SEND/max").asLong()).isBetween(250L, 258L);
            assertThat(HistogramJson.read(body.at("/latencyMicros/SEND")).getTotalCount()).isEqualTo(1);
            assertThat(body.at("/process/cpuNanos").asLong()).isPositive();
            assertThat(body.at("/process/heapUsed").asLong()).isPositive();
            assertThat(body.at("/process/peakHeapAfterGc").asLong()).isPositive(); // the full GC was noticed
            get(stats, "/other", 404);
        }
    }

    private static JsonNode get(StatsEndpoint stats, String path, int status) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stats.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(status);
        return new ObjectMapper().readTree(r.body());
    }
}
