package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.nymdir.store.UserRecord;
import org.nymdir.store.sqlite.OriginalDatabase;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.Requests;
import org.nymdir.testing.RunningDirectory;
import org.nymdir.testing.TestUser;

/** What an operator lives through: drop-in data, restarts, a nym-client that comes late or goes away. */
class DirectoryOperationsIT {
    @TempDir
    Path dir;

    @Test
    void opensTheOriginalsDatabaseAndKeyFilesUnchanged() throws Exception {
        TestUser alice = TestUser.named("alice");
        Path storage = Files.createDirectories(dir.resolve("storage"));
        OriginalDatabase.create(storage.resolve("nym_server.db"),
                List.of(new UserRecord("alice", alice.publicKeyPem(), "8xM3pQv1aLiCeTaG")));
        // The server key as the original's own Python code wrote it (fixture made with that code).
        JsonNode original = Fixtures.pythonInterop().get("original_server_key");
        Path keys = Files.createDirectories(storage.resolve("keys"));
        Files.writeString(keys.resolve("nym_server_private_key.enc"), original.get("private_key_enc").asText());
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/encryption_password"), original.get("secret_file").asText(),
                StandardCharsets.UTF_8);

        try (RunningDirectory running = RunningDirectory.start(dir)) {
            assertThat(running.server().publicKeyPem()).isEqualTo(original.get("public_key_pem").asText());
            try (ChatPeer peer = running.peer("alice-new-run")) {
                peer.login(alice); // replies verify with the original server's public key
                JsonNode found = peer.call(Requests.query("alice"));
                assertThat(ChatPeer.parse(found.get("content").textValue()).get("publicKey").textValue())
                        .isEqualTo(alice.publicKeyPem());
            }
        }
    }

    @Test
    void aRestartKeepsAddressKeyAndUsers() throws Exception {
        TestUser bob = TestUser.named("bob");
        try (RunningDirectory running = RunningDirectory.start(dir)) {
            NymAddress address = running.address();
            String key = running.server().publicKeyPem();
            try (ChatPeer peer = running.peer("bob")) {
                peer.register(bob);
            }
            running.stopDirectory();
            running.startDirectory();
            assertThat(running.address()).isEqualTo(address);
            assertThat(running.server().publicKeyPem()).isEqualTo(key);
            assertThat(Files.readString(running.config().nymAddressFile())).isEqualTo(address.text());
            try (ChatPeer peer = running.peer("bob")) {
                peer.login(bob);
            }
        }
    }

    @Test
    void requestsSentWhileTheLinkIsDownAreAnsweredWhenItIsBack() throws Exception {
        TestUser carol = TestUser.named("carol");
        try (RunningDirectory running = RunningDirectory.start(dir); ChatPeer peer = running.peer("carol")) {
            peer.register(carol);
            running.mixnet().refuseService(Duration.ofSeconds(1));
            running.mixnet().disconnectService();
            // Held by the nym-client (its gateway) meanwhile, flushed as binary frames on reconnect.
            peer.send(Requests.query("carol"));
            peer.send(Requests.login("carol"));
            assertThat(peer.nextReply(Duration.ofSeconds(15)).get("action").textValue()).isEqualTo("queryResponse");
            assertThat(peer.nextReply().get("action").textValue()).isEqualTo("challenge");
            peer.login(carol);
        }
    }

    @Test
    void startsBeforeItsNymClientAndConnectsWhenItOpens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ServeConfig config = ServeConfig.from(Map.of(
                "WEBSOCKET_URL", "ws://127.0.0.1:" + port,
                "DATABASE_PATH", dir.resolve("late/db.sqlite").toString(),
                "KEYS_DIR", dir.resolve("late/keys").toString(),
                "SECRET_PATH", dir.resolve("late/secret").toString()));
        try (DirectoryServer server = DirectoryServer.start(config)) {
            assertThat(server.awaitAddress(Duration.ofMillis(500))).isNull();
            SimConfig sim = SimConfig.ephemeral(dir.resolve("late-sim")).toBuilder().servicePort(port).build();
            try (LocalMixnet mixnet = LocalMixnet.start(sim)) {
                assertThat(server.awaitAddress(Duration.ofSeconds(10))).isEqualTo(mixnet.serviceAddress());
            }
        }
    }

    @Test
    void requestsHeldBeforeTheDirectoryFirstConnectsAreAnswered() throws Exception {
        try (RunningDirectory running = RunningDirectory.start(dir); ChatPeer peer = running.peer("early")) {
            running.stopDirectory();
            peer.send(Requests.query("nobody"));
            running.startDirectory();
            assertThat(peer.nextReply(Duration.ofSeconds(15)).get("content").textValue()).isEqualTo("No user found");
        }
    }
}
