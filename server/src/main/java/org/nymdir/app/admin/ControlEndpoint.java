package org.nymdir.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Executors;
import org.nymdir.crypto.ConstantTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running node's admin control endpoint: loopback only, on a free port, every request authenticated by
 * the token of {@link ControlToken} (compared in constant time). {@code POST /admin/OPERATION} with a JSON
 * body ({@code {"name": ...}} or {@code {"to": ...}}), answered with the operation's JSON result. Nothing
 * here logs a username: an operator's command line is theirs to keep.
 */
public final class ControlEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlEndpoint.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4096;

    private final HttpServer server;
    private final Path tokenFile;

    private ControlEndpoint(HttpServer server, Path tokenFile) {
        this.server = server;
        this.tokenFile = tokenFile;
    }

    /** Listens on 127.0.0.1 at a free port and writes the port and a new token to {@code tokenFile} (0600). */
    public static ControlEndpoint start(AdminOps ops, Path tokenFile) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "admin-control");
            t.setDaemon(true);
            return t;
        }));
        ControlToken token = ControlToken.random(server.getAddress().getPort(), new SecureRandom());
        server.createContext("/admin/", exchange -> {
            try (exchange) {
                handle(exchange, ops, token);
            }
        });
        server.start();
        try {
            token.write(tokenFile);
        } catch (IOException e) {
            server.stop(0);
            throw new IOException("cannot write the admin token file " + tokenFile + ": " + e.getMessage(), e);
        }
        log.info("admin control endpoint on 127.0.0.1:{} (token in {})", token.port(), tokenFile);
        return new ControlEndpoint(server, tokenFile);
    }

    private static void handle(HttpExchange exchange, AdminOps ops, ControlToken token) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !ConstantTime.equals(auth, "Bearer " + token.token())) {
            reply(exchange, 401, JSON.createObjectNode().put("error", "wrong or missing token"));
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            reply(exchange, 405, JSON.createObjectNode().put("error", "POST only"));
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                reply(exchange, 413, JSON.createObjectNode().put("error", "request too large"));
                return;
            }
            body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            reply(exchange, 400, JSON.createObjectNode().put("error", "body is not JSON"));
            return;
        }
        String name = body.path("name").asText("");
        try {
            Object result = switch (exchange.getRequestURI().getPath()) {
                case "/admin/status" -> ops.status();
                case "/admin/user" -> ops.user(name);
                case "/admin/block" -> ops.block(name);
                case "/admin/unblock" -> ops.unblock(name);
                case "/admin/delete" -> ops.delete(name);
                case "/admin/backup" -> ops.backup(Path.of(body.path("to").asText("")));
                default -> null;
            };
            if (result == null) {
                reply(exchange, 404, JSON.createObjectNode().put("error", "no such operation"));
            } else {
                reply(exchange, 200, JSON.valueToTree(result));
            }
        } catch (RuntimeException e) {
            log.warn("admin operation {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
            reply(exchange, 500, JSON.createObjectNode().put("error", String.valueOf(e.getMessage())));
        }
    }

    private static void reply(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening and removes the token file (a stopped node has no control endpoint). */
    @Override
    public void close() {
        server.stop(0);
        try {
            Files.deleteIfExists(tokenFile);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", tokenFile, e.toString());
        }
    }
}
