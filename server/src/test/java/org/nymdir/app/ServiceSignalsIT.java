package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestUser;

/** {@code nymdir serve} as a service manager and logrotate drive it: SIGHUP, SIGTERM, a lost key file. */
class ServiceSignalsIT {
    @TempDir
    Path dir;

    @Test
    void sighupReopensTheLogAndKeepsServingAndSigtermExitsZero() throws Exception {
        TestUser alice = TestUser.named("alice");
        try (LocalMixnet sim = LocalMixnet.start(SimConfig.ephemeral(dir.resolve("sim")));
             ServerProcess server = new ServerProcess(dir.resolve("server"), sim.serviceUrl(),
                     Map.of("NYMDIR_LOG_MAX_SIZE", "off", "NYMDIR_LOG_LEVEL", "DEBUG"))) {
            NymAddress address = server.start();
            try (ChatPeer peer = ChatPeer.connect(sim.clientUrl("alice"), address, server.publicKeyPem())) {
                peer.register(alice);
                Path moved = server.logFile().resolveSibling("app.log.rotated");
                Files.move(server.logFile(), moved); // what logrotate does before its postrotate SIGHUP
                server.signal("HUP");
                Await.until("a new log file at LOG_FILE_PATH", () -> contains(server.logFile(), "log file reopened"),
                        Duration.ofSeconds(20));
                assertThat(server.isAlive()).as("SIGHUP does not stop the service").isTrue();
                assertThat(peer.call(Requests.query("alice")).get("content").textValue()).contains("alice");
                Await.until("the query's log line in the new file", () -> contains(server.logFile(), "query -> "),
                        Duration.ofSeconds(10));
                assertThat(Files.readString(moved)).contains("register -> ").doesNotContain("query -> ");
            }
            assertThat(server.stop()).as("exit status after SIGTERM").isZero();
            assertThat(Files.readString(server.logFile())).contains("directory stopped");
        }
    }

    @Test
    void aMissingServerKeyBesideUsersIsRefusedUnlessAskedFor() throws Exception {
        Path serverDir = dir.resolve("server");
        try (LocalMixnet sim = LocalMixnet.start(SimConfig.ephemeral(dir.resolve("sim")))) {
            try (ServerProcess server = new ServerProcess(serverDir, sim.serviceUrl(), Map.of())) {
                NymAddress address = server.start();
                try (ChatPeer peer = ChatPeer.connect(sim.clientUrl("bob"), address, server.publicKeyPem())) {
                    peer.register(TestUser.named("bob"));
                }
                assertThat(server.stop()).isZero();
            }
            Path key = serverDir.resolve("storage/keys/nym_server_private_key.enc");
            Files.delete(key);
            try (ServerProcess server = new ServerProcess(serverDir, sim.serviceUrl(), Map.of())) {
                assertThatThrownBy(server::start).hasMessageContaining("exited at start");
                assertThat(Files.readString(server.stderr())).contains("refusing to create a new server key")
                        .contains(key.toString()).contains(server.database().toString());
                assertThat(key).doesNotExist();
            }
            try (ServerProcess server = new ServerProcess(serverDir, sim.serviceUrl(),
                    Map.of("NYMDIR_NEW_SERVER_KEY", "true"))) {
                server.start();
                assertThat(key).exists();
            }
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
