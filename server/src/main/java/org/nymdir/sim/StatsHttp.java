package org.nymdir.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code GET /stats}: the counters as one JSON object. Nothing else is served. */
final class StatsHttp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private StatsHttp(HttpServer server) {
        this.server = server;
    }

    static StatsHttp start(String host, int port, Supplier<SimStats> stats) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals("/stats")) {
                    send(exchange, 404, "{\"error\":\"not found; try GET /stats\"}");
                } else if (!exchange.getRequestMethod().equals("GET")) {
                    exchange.getResponseHeaders().add("Allow", "GET");
                    send(exchange, 405, "{\"error\":\"method not allowed\"}");
                } else {
                    SimStats s = stats.get();
                    ObjectNode body = JSON.valueToTree(s);
                    body.put("dropped", s.dropped());
                    send(exchange, 200, JSON.writeValueAsString(body));
                }
            }
        });
        server.start();
        return new StatsHttp(server);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
