package org.nymdir.app.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;

/**
 * {@code GET /stats} on the loopback interface only: request latencies per kind, this process's CPU time
 * and heap, and a few fixed facts (the ECDSA provider), as JSON, for {@code nymdir bench} and for operators. {@code ?gc=1} runs a full collection first,
 * so the heap figure is the live set. Holds no user data: counts and sizes only.
 */
public final class StatsEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private StatsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port} (0 = any free port). */
    public static StatsEndpoint start(int port, RequestMetrics requests, ProcessStats process,
                                      Map<String, String> info) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stats-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals("/stats")
                        || !exchange.getRequestMethod().equals("GET")) {
                    send(exchange, 404, "{\"error\":\"try GET /stats\"}");
                    return;
                }
                String query = exchange.getRequestURI().getQuery();
                boolean gc = query != null && query.contains("gc=1");
                ObjectNode body = render(requests, process.snapshot(gc));
                info.forEach(body::put);
                send(exchange, 200, JSON.writeValueAsString(body));
            }
        });
        server.start();
        return new StatsEndpoint(server);
    }

    static ObjectNode render(RequestMetrics requests, ProcessStats.Snapshot process) {
        ObjectNode root = JSON.createObjectNode();
        root.set("process", JSON.valueToTree(process));
        ObjectNode latency = root.putObject("latencyMicros");
        for (Map.Entry<RequestMetrics.Kind, Histogram> e : requests.snapshot().entrySet()) {
            latency.set(e.getKey().name(), HistogramJson.write(e.getValue()));
        }
        return root;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
