package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.nymdir.store.sqlite.SqliteUserStore;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Cli;
import org.nymdir.testing.DatabaseFiles;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.Requests;
import org.nymdir.testing.SendLoad;
import org.nymdir.testing.TestPostgres;
import org.nymdir.testing.TestUser;

/**
 * {@code nymdir admin} against a running {@code nymdir serve} process (through its control endpoint) and against
 * its store once it stopped, on SQLite and on PostgreSQL.
 */
class AdminIT {
    private static final AtomicInteger SENDS = new AtomicInteger();
    @TempDir
    Path dir;

    @Test
    void blockUnblockAndDeleteThroughTheWireOnARunningNode() throws Exception {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        try (LocalMixnet sim = LocalMixnet.start(SimConfig.ephemeral(dir.resolve("sim")));
             ServerProcess server = new ServerProcess(dir.resolve("server"), sim.serviceUrl(), Map.of())) {
            NymAddress address = server.start();
            Path token = server.database().resolveSibling("admin.token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
            try (ChatPeer a = ChatPeer.connect(sim.clientUrl("alice"), address, server.publicKeyPem());
                 ChatPeer b = ChatPeer.connect(sim.clientUrl("bob"), address, server.publicKeyPem())) {
                a.register(alice);
                b.register(bob);

                JsonNode status = admin(server, 0, "status");
                assertThat(status.get("mode").asText()).isEqualTo("running node");
                assertThat(status.get("users").asLong()).isEqualTo(2);
                assertThat(status.get("link").asText()).isEqualTo("up");

                assertThat(admin(server, 0, "user", "block", "bob").get("changed").asBoolean()).isTrue();
                assertThat(admin(server, 0, "user", "show", "bob").get("blocked").asBoolean()).isTrue();
                assertThat(content(b.call(Requests.login("bob")))).isEqualTo("error: user blocked");
                assertThat(content(b.call(send(bob, "alice")))).isEqualTo("error: user blocked");
                assertThat(content(a.call(send(alice, "bob")))).isEqualTo("error: recipient blocked");
                assertThat(admin(server, 1, "user", "block", "bob").get("changed").asBoolean()).isFalse();

                admin(server, 0, "user", "unblock", "bob");
                b.login(bob);
                assertThat(content(a.call(send(alice, "bob")))).isEqualTo("success");
                Await.until("bob receives alice's message", () -> b.poll(Duration.ofMillis(200)) != null,
                        Duration.ofSeconds(10));

                JsonNode deleted = admin(server, 0, "user", "delete", "bob");
                assertThat(deleted.get("message").asText()).contains("deleted");
                assertThat(admin(server, 0, "user", "show", "bob").get("registered").asBoolean()).isFalse();
                assertThat(content(b.call(Requests.login("bob")))).isEqualTo("error: user not found");
                assertThat(b.registerAsV1(TestUser.named("bob"))).as("held for the quarantine, also for a new key")
                        .isEqualTo("error: username already in use");
            }
            assertThat(server.stop()).isZero();
            assertThat(token).as("a stopped node removes its token file").doesNotExist();
        }
    }

    @Test
    void aBackupUnderLoadOpensWithEveryUserAndStoppedNodesAreAdministeredOnTheirFiles() throws Exception {
        Path backup = dir.resolve("backup.db");
        List<String> names = new ArrayList<>();
        try (LocalMixnet sim = LocalMixnet.start(SimConfig.ephemeral(dir.resolve("sim")));
             ServerProcess server = new ServerProcess(dir.resolve("server"), sim.serviceUrl(),
                     Map.of("NYMDIR_LIMIT_SEND", "off"))) {
            NymAddress address = server.start();
            String key = server.publicKeyPem();
            List<SendLoad.Sender> senders = SendLoad.registerSenders(4,
                    name -> ChatPeer.connect(sim.clientUrl(name), address, key));
            TestUser carol = TestUser.named("carol");
            try (ChatPeer c = ChatPeer.connect(sim.clientUrl("carol"), address, key)) {
                c.register(carol);
                senders.forEach(s -> names.add(s.user().name()));
                names.add("carol");
                try (SendLoad load = SendLoad.start(senders, List.of("carol"), 2)) {
                    Await.until("sends accepted", () -> load.acceptedCount() >= 20, Duration.ofSeconds(60));
                    assertThat(admin(server, 0, "backup", "--to", backup.toString()).get("changed").asBoolean())
                            .isTrue();
                    int before = load.acceptedCount();
                    Await.until("load goes on after the backup", () -> load.acceptedCount() > before + 10,
                            Duration.ofSeconds(60));
                    load.stop();
                }
            }
            assertThat(server.stop()).isZero();

            // Stopped: the command works on the files, and the node sees the change at its next start.
            JsonNode status = admin(server, 0, "status");
            assertThat(status.get("mode").asText()).startsWith("direct");
            assertThat(status.get("link").asText()).isEqualTo("not running");
            assertThat(status.get("users").asLong()).isEqualTo(names.size());
            admin(server, 0, "user", "block", "carol");
            server.start();
            try (ChatPeer c = ChatPeer.connect(sim.clientUrl("carol"), address, key)) {
                assertThat(content(c.call(Requests.login("carol")))).isEqualTo("error: user blocked");
            }
        }
        DatabaseFiles.assertIntact(backup);
        try (SqliteUserStore restored = SqliteUserStore.open(backup)) {
            assertThat(restored.countUsers()).isEqualTo(names.size());
            assertThat(names).allSatisfy(n -> assertThat(restored.findUser(n)).isPresent());
        }
    }

    @Test
    void onPostgresqlStatusShowsTheNodesBlocksReachTheNodeAndBackupPointsToPgDump() throws Exception {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        try (TestPostgres pg = TestPostgres.create();
             LocalMixnet sim = LocalMixnet.start(SimConfig.ephemeral(dir.resolve("sim")));
             ServerProcess server = new ServerProcess(dir.resolve("server"), sim.serviceUrl(),
                     Map.of("NYMDIR_DATABASE_URL", pg.url(), "NYMDIR_DATABASE_POOL", "3",
                             "NYMDIR_NODE_ID", "node-a"))) {
            NymAddress address = server.start();
            String[] onPg = {"--database-url", pg.url(), "--node-id", "node-a"};
            try (ChatPeer a = ChatPeer.connect(sim.clientUrl("alice"), address, server.publicKeyPem());
                 ChatPeer b = ChatPeer.connect(sim.clientUrl("bob"), address, server.publicKeyPem())) {
                a.register(alice);
                b.register(bob);
                JsonNode status = admin(server, 0, onPg, "status");
                assertThat(status.get("mode").asText()).isEqualTo("running node");
                assertThat(status.get("store").asText()).isEqualTo("postgresql");
                assertThat(status.get("users").asLong()).isEqualTo(2);
                assertThat(status.get("nodes")).hasSize(1);
                assertThat(status.get("nodes").get(0).get("id").asText()).isEqualTo("node-a");
                assertThat(status.get("nodes").get(0).get("alive").asBoolean()).isTrue();

                admin(server, 0, onPg, "user", "block", "bob");
                assertThat(content(a.call(send(alice, "bob")))).isEqualTo("error: recipient blocked");
                JsonNode backup = admin(server, 1, onPg, "backup", "--to", dir.resolve("pg.backup").toString());
                assertThat(backup.get("message").asText()).contains("pg_dump");
                assertThat(dir.resolve("pg.backup")).doesNotExist();
                admin(server, 0, onPg, "user", "unblock", "bob");
                assertThat(content(a.call(send(alice, "bob")))).isEqualTo("success");
            }
            assertThat(server.stop()).isZero();

            // Stopped: the command works on the database itself, and the node reads the block at its start.
            JsonNode status = admin(server, 0, onPg, "status");
            assertThat(status.get("mode").asText()).startsWith("direct");
            assertThat(status.get("store").asText()).isEqualTo("postgresql");
            assertThat(status.get("mailboxMessages").asLong()).as("bob's message waits (or was delivered)")
                    .isBetween(0L, 1L);
            assertThat(status.get("nodes").get(0).get("stoppedAt").isNull()).isFalse();
            admin(server, 0, onPg, "user", "block", "alice");
            assertThat(admin(server, 0, onPg, "user", "show", "alice").get("blocked").asBoolean()).isTrue();
            server.start();
            try (ChatPeer a = ChatPeer.connect(sim.clientUrl("alice"), address, server.publicKeyPem())) {
                assertThat(content(a.call(Requests.login("alice")))).isEqualTo("error: user blocked");
            }
            JsonNode deleted = admin(server, 0, onPg, "user", "delete", "bob");
            assertThat(deleted.get("message").asText()).contains("deleted");
            assertThat(admin(server, 0, onPg, "status").get("users").asLong()).isEqualTo(1);
        }
    }

    private static JsonNode admin(ServerProcess server, int expectedExit, String... command) throws Exception {
        return admin(server, expectedExit, new String[0], command);
    }

    private static JsonNode admin(ServerProcess server, int expectedExit, String[] settings, String... command)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("admin"));
        args.addAll(List.of(command));
        args.addAll(List.of("--database", server.database().toString(), "--env-file", "/dev/null"));
        args.addAll(List.of(settings));
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(expectedExit);
        return Fixtures.JSON.readTree(run.out());
    }

    /** A signed send with a body of its own (the same content twice would be refused as a replay). */
    private static com.fasterxml.jackson.databind.node.ObjectNode send(TestUser from, String to) {
        return Requests.send(from, Requests.content(from.name(), to, "\"m" + SENDS.incrementAndGet() + "\""));
    }

    private static String content(JsonNode reply) {
        return reply.get("content").textValue();
    }
}
