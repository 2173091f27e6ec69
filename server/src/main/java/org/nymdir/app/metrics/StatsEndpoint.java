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
 * The stats port (loopback unless the operator set a host): {@code GET /stats}, request latencies per kind,
 * this process's CPU time and heap and a few fixed facts (the ECDSA provider) as JSON, for {@code nymdir bench}
 * and for operators ({@code ?gc=1} runs a full collection first, so the heap figure is the live set);
 * {@code GET /metrics}, the Prometheus text of {@link DirectoryMeters}; {@code GET /health/live} (200 while the
 * process answers) and {@code GET /health/ready} (200 only while the nym-client link is up and the store
 * answers, else 503, with which of them is down). Holds no user data: counts and sizes only.
 */
public final class StatsEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private StatsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Only {@code GET /stats}, on 127.0.0.1:{@code port} (0 = any free port). */
    public static StatsEndpoint start(int port, RequestMetrics requests, ProcessStats process,
                                      Map<String, String> info) throws IOException {
        return start(InetAddress.getLoopbackAddress(), port, requests, process, info, null, null);
    }

    /**
     * {@code GET /stats}, and with {@code meters} and {@code readiness} also {@code /metrics},
     * {@code /health/live} and {@code /health/ready}, on {@code host:port} (0 = any free port).
     */
    public static StatsEndpoint start(InetAddress host, int port, RequestMetrics requests, ProcessStats process,
                                      Map<String, String> info, DirectoryMeters meters, Readiness readiness)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 8);
        // Two threads: a slow readiness probe (a hung store) must not hold up a metrics scrape.
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "stats-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (!exchange.getRequestMethod().equals("GET")) {
                    send(exchange, 405, JSON_TYPE, "{\"error\":\"only GET\"}");
                    return;
                }
                switch (path) {
                    case "/stats" -> {
                        String query = exchange.getRequestURI().getQuery();
                        boolean gc = query != null && query.contains("gc=1");
                        ObjectNode body = render(requests, process.snapshot(gc));
                        info.forEach(body::put);
                        send(exchange, 200, JSON_TYPE, JSON.writeValueAsString(body));
                    }
                    case "/metrics" -> {
                        if (meters == null) {
                            notFound(exchange);
                        } else {
                            send(exchange, 200, PROMETHEUS_TYPE, meters.scrape());
                        }
                    }
                    case "/health/live" -> send(exchange, 200, JSON_TYPE, "{\"status\":\"up\"}");
                    case "/health/ready" -> {
                        if (readiness == null) {
                            notFound(exchange);
                        } else {
                            ready(exchange, readiness.check());
                        }
                    }
                    default -> notFound(exchange);
                }
            }
        });
        server.start();
        return new StatsEndpoint(server);
    }

    private static void ready(HttpExchange exchange, Readiness.State state) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", state.ready() ? "up" : "down");
        body.put("link", state.linkUp() ? "up" : "down");
        body.put("store", state.storeUp() ? "up" : "down");
        if (state.storeProblem() != null) {
            body.put("storeProblem", state.storeProblem());
        }
        send(exchange, state.ready() ? 200 : 503, JSON_TYPE, JSON.writeValueAsString(body));
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, JSON_TYPE, "{\"error\":\"try GET /stats, /metrics, /health/live or /health/ready\"}");
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

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
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
