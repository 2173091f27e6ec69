package org.nymdir.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nymdir.testing.WsPeer.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.testing.Await;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.WsPeer;

class StatsTest {
    @RegisterExtension
    final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
    LocalMixnet sim;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        sim = mixnet.sim();
    }

    HttpResponse<String> get(URI uri, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statsAreJsonCounters() throws Exception {
        try (WsPeer directory = WsPeer.connect(sim.serviceUrl()); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            alice.send(new ClientRequest.SendAnonymous(sim.serviceAddress(), utf8("hi"), 20), true);
            directory.nextResponse();
            alice.sendText("garbage");
            alice.nextText();
            Await.equal("errors", () -> sim.stats().errors(), 1L);
        }
        HttpResponse<String> response = get(sim.statsUrl(), "GET");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode json = new ObjectMapper().readTree(response.body());
        for (String field : new String[] {"connections", "connectionsRefused", "activeConnections", "messagesRouted",
            "repliesRouted", "delivered", "surbsAttached", "surbsConsumed", "surbsToppedUp", "surbRequests",
            "repliesDroppedNoSurbs", "repliesDroppedUnknownTag", "held", "deliveredFromHold", "droppedHoldFull",
            "droppedUnknownRecipient", "droppedLoss", "dropped", "errors"}) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.get("connections").asLong()).isEqualTo(2);
        assertThat(json.get("messagesRouted").asLong()).isEqualTo(1);
        assertThat(json.get("surbsAttached").asLong()).isEqualTo(20);
        assertThat(json.get("errors").asLong()).isEqualTo(1);
        assertThat(sim.summary()).startsWith("sim: 2 connections").contains("20 attached").contains("1 errors");
    }

    @Test
    void aBusyPortFailsTheStartCleanly(@TempDir Path other) throws Exception {
        int taken = sim.statsUrl().getPort();
        SimConfig clash = SimConfig.ephemeral(other).toBuilder().statsPort(taken).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalMixnet.start(clash))
                .isInstanceOf(IOException.class).hasMessageContaining("stats port");
    }

    @Test
    void onlyGetStats() throws Exception {
        assertThat(get(sim.statsUrl(), "POST").statusCode()).isEqualTo(405);
        assertThat(get(sim.statsUrl().resolve("/other"), "GET").statusCode()).isEqualTo(404);
    }
}
