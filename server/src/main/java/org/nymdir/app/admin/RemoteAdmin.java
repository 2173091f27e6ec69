package org.nymdir.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** The admin operations of a running node, asked through its control endpoint. */
public final class RemoteAdmin implements AdminOps {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ControlToken token;

    private RemoteAdmin(ControlToken token) {
        this.token = token;
    }

    /**
     * The running node whose token is in {@code tokenFile}, if it answers; null when there is no token file
     * or nothing listens on its port (a node that stopped without removing it, e.g. after a crash).
     */
    public static RemoteAdmin connect(Path tokenFile) throws IOException {
        if (!java.nio.file.Files.exists(tokenFile)) {
            return null;
        }
        RemoteAdmin admin = new RemoteAdmin(ControlToken.read(tokenFile));
        try {
            admin.call("status", ControlEndpoint.JSON.createObjectNode());
            return admin;
        } catch (UncheckedConnectException e) {
            return null;
        }
    }

    @Override
    public NodeStatus status() {
        return as(call("status", ControlEndpoint.JSON.createObjectNode()), NodeStatus.class);
    }

    @Override
    public UserInfo user(String name) {
        return as(call("user", named(name)), UserInfo.class);
    }

    @Override
    public Change block(String name) {
        return as(call("block", named(name)), Change.class);
    }

    @Override
    public Change unblock(String name) {
        return as(call("unblock", named(name)), Change.class);
    }

    @Override
    public Change delete(String name) {
        return as(call("delete", named(name)), Change.class);
    }

    @Override
    public Change backup(Path to) {
        return as(call("backup", ControlEndpoint.JSON.createObjectNode().put("to", to.toAbsolutePath().toString())),
                Change.class);
    }

    private static JsonNode named(String name) {
        return ControlEndpoint.JSON.createObjectNode().put("name", name);
    }

    private JsonNode call(String operation, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + token.port() + "/admin/" + operation))
                .timeout(Duration.ofMinutes(10)) // a backup of a large database takes a while
                .header("Authorization", "Bearer " + token.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new UncheckedConnectException(e);
        } catch (IOException e) {
            throw new IllegalStateException("the running node's control endpoint failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode json;
        try {
            json = ControlEndpoint.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the running node answered " + response.statusCode() + " without JSON", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the running node refused: " + json.path("error").asText());
        }
        return json;
    }

    private static <T> T as(JsonNode json, Class<T> type) {
        try {
            return ControlEndpoint.JSON.treeToValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unexpected answer of the running node: " + e.getMessage(), e);
        }
    }

    /** Nothing listens on the token's port. */
    private static final class UncheckedConnectException extends RuntimeException {
        UncheckedConnectException(ConnectException cause) {
            super(cause);
        }
    }
}
