package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestPostgres;
import org.nymdir.testing.TestUser;

/** The stats port of a real {@code nymdir serve} process: health as the link comes and goes, metrics that count. */
class HealthAndMetricsIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void readyFollowsTheNymClientAndMetricsCountRequestsWithoutNames() throws Exception {
        int port = freePort();
        try (LocalMixnet sim = LocalMixnet.start(SimConfig.ephemeral(dir.resolve("sim")));
             ServerProcess server = new ServerProcess(dir.resolve("server"), sim.serviceUrl(),
                     Map.of("NYMDIR_STATS_PORT", Integer.toString(port)))) {
            NymAddress address = server.start();
            assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
            Await.until("ready", () -> status(port, "/health/ready") == 200, Duration.ofSeconds(20));

            TestUser alice = TestUser.named("alice");
            try (ChatPeer peer = ChatPeer.connect(sim.clientUrl("alice"), address, server.publicKeyPem())) {
                peer.register(alice);
                for (int i = 0; i < 3; i++) {
                    peer.call(Requests.query("alice"));
                }
                peer.call(Requests.query("nobody"));
            }
            String metrics = get(port, "/metrics").body();
            assertThat(value(metrics, "nymdir_requests_total\\{action=\"query\",outcome=\"found\"}")).isEqualTo(3);
            assertThat(value(metrics, "nymdir_requests_total\\{action=\"query\",outcome=\"no_user_found\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "nymdir_requests_total\\{action=\"register\",outcome=\"challenge\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "nymdir_request_seconds_count\\{action=\"query\"}")).isEqualTo(4);
            assertThat(value(metrics, "nymdir_users")).isEqualTo(1);
            assertThat(value(metrics, "nymdir_link_up")).isEqualTo(1);
            assertThat(metrics).contains("nymdir_jvm_memory_used_bytes", "nymdir_request_seconds_bucket",
                    "nymdir_mailbox_bytes", "nymdir_queue_outbound");
            assertThat(metrics).as("no user, tag or address in the metrics").doesNotContain("alice", "nobody",
                    address.text());
            assertThat(get(port, "/stats").body()).contains("latencyMicros", "QUERY");

            // The nym-client goes away (and refuses to come back for now): not ready. Then it is back: ready.
            sim.refuseService(Duration.ofMinutes(5));
            sim.disconnectService();
            Await.until("not ready while the nym-client is away", () -> status(port, "/health/ready") == 503,
                    Duration.ofSeconds(20));
            assertThat(get(port, "/health/ready").body()).contains("\"link\":\"down\"", "\"store\":\"up\"");
            assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
            sim.refuseService(Duration.ZERO);
            Await.until("ready again once the nym-client is back", () -> status(port, "/health/ready") == 200,
                    Duration.ofSeconds(30));
            assertThat(value(get(port, "/metrics").body(), "nymdir_link_connections")).isEqualTo(2);
        }
    }

    @Test
    void onPostgresqlReadyAsksThePoolAndTheMailboxGaugesComeThroughTheStore() throws Exception {
        int port = freePort();
        try (TestPostgres pg = TestPostgres.create();
             LocalMixnet sim = LocalMixnet.start(SimConfig.ephemeral(dir.resolve("sim")));
             ServerProcess server = new ServerProcess(dir.resolve("server"), sim.serviceUrl(),
                     Map.of("NYMDIR_STATS_PORT", Integer.toString(port), "NYMDIR_DATABASE_URL", pg.url(),
                             "NYMDIR_DATABASE_POOL", "3"))) {
            NymAddress address = server.start();
            try (ChatPeer peer = ChatPeer.connect(sim.clientUrl("alice"), address, server.publicKeyPem())) {
                peer.register(TestUser.named("alice"));
            }
            Await.until("ready", () -> status(port, "/health/ready") == 200, Duration.ofSeconds(20));
            assertThat(get(port, "/health/ready").body()).contains("\"store\":\"up\"");
            String metrics = get(port, "/metrics").body();
            assertThat(value(metrics, "nymdir_users")).isEqualTo(1);
            assertThat(value(metrics, "nymdir_mailbox_messages")).isZero();
            assertThat(value(metrics, "nymdir_mailbox_bytes")).isZero();
            assertThat(metrics).doesNotContain("alice");
        }
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(series + " in\n" + metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static int status(int port, String path) {
        try {
            return get(port, path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
