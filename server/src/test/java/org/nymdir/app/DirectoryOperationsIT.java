package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.app.settings.ServeSettings;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.nymdir.store.UserRecord;
import org.nymdir.store.sqlite.OriginalDatabase;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.LocalDirectoryExtension;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestUser;

/** What an operator lives through: drop-in data, restarts, a nym-client that comes late or goes away. */
class DirectoryOperationsIT {
    /** A directory of each test's own, started when the test first asks for it. */
    @RegisterExtension
    final LocalDirectoryExtension env = LocalDirectoryExtension.builder().build();
    @TempDir
    Path dir;

    @Test
    void opensTheOriginalsDatabaseAndKeyFilesUnchanged() throws Exception {
        TestUser alice = TestUser.named("alice");
        DirectoryFiles files = env.files(); // laid out before the directory starts
        Files.createDirectories(files.database().getParent());
        OriginalDatabase.create(files.database(),
                List.of(new UserRecord("alice", alice.publicKeyPem(), "8xM3pQv1aLiCeTaG")));
        // The server key as the original's own Python code wrote it (fixture made with that code).
        JsonNode original = Fixtures.pythonInterop().get("original_server_key");
        Path keys = Files.createDirectories(files.keysDir());
        Files.writeString(keys.resolve("nym_server_private_key.enc"), original.get("private_key_enc").asText());
        Files.createDirectories(files.secret().getParent());
        Files.writeString(files.secret(), original.get("secret_file").asText(), StandardCharsets.UTF_8);

        assertThat(env.directory().publicKeyPem()).isEqualTo(original.get("public_key_pem").asText());
        ChatPeer peer = env.peer("alice-new-run");
        peer.login(alice); // replies verify with the original server's public key
        JsonNode found = peer.call(Requests.query("alice"));
        assertThat(ChatPeer.parse(found.get("content").textValue()).get("publicKey").textValue())
                .isEqualTo(alice.publicKeyPem());
    }

    @Test
    void aRestartKeepsAddressKeyAndUsers() throws Exception {
        TestUser bob = TestUser.named("bob");
        LocalDirectory running = env.local();
        NymAddress address = running.address();
        String key = running.directory().publicKeyPem();
        try (ChatPeer peer = env.peer("bob")) {
            peer.register(bob);
        }
        running.stopDirectory();
        running.startDirectory();
        assertThat(running.address()).isEqualTo(address);
        assertThat(running.directory().publicKeyPem()).isEqualTo(key);
        assertThat(Files.readString(running.files().addressFile())).isEqualTo(address.text());
        env.peer("bob").login(bob);
    }

    @Test
    void requestsSentWhileTheLinkIsDownAreAnsweredWhenItIsBack() throws Exception {
        TestUser carol = TestUser.named("carol");
        ChatPeer peer = env.peer("carol");
        peer.register(carol);
        env.sim().refuseService(Duration.ofSeconds(1));
        env.sim().disconnectService();
        // Held by the nym-client (its gateway) meanwhile, flushed as binary frames on reconnect.
        peer.send(Requests.query("carol"));
        peer.send(Requests.login("carol"));
        assertThat(peer.nextReply(Duration.ofSeconds(15)).get("action").textValue()).isEqualTo("queryResponse");
        assertThat(peer.nextReply().get("action").textValue()).isEqualTo("challenge");
        peer.login(carol);
    }

    @Test
    void startsBeforeItsNymClientAndConnectsWhenItOpens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Map<String, String> vars = new HashMap<>(new DirectoryFiles(dir).variables());
        vars.put(ServeSettings.WEBSOCKET_URL.name(), "ws://127.0.0.1:" + port);
        ServeConfig config = ServeConfig.from(vars);
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
        ChatPeer peer = env.peer("early");
        env.local().stopDirectory();
        peer.send(Requests.query("nobody"));
        env.local().startDirectory();
        assertThat(peer.nextReply(Duration.ofSeconds(15)).get("content").textValue()).isEqualTo("No user found");
    }
}
