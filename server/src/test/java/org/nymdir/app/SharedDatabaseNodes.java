package org.nymdir.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.TestPostgres;

/**
 * Several directory nodes on one PostgreSQL schema, each behind its own service client (nym-client) of one
 * local mixnet, all with one signing key, as an operator runs them: the first node makes the key, the others
 * get copies of {@code KEYS_DIR} and {@code SECRET_PATH}. Nodes run in this process and can be stopped and
 * started again; {@link #childProcess} runs one as its own process instead, to SIGKILL it.
 */
final class SharedDatabaseNodes implements AutoCloseable {
    /** Short polls: the tests must not wait long for what a lost NOTIFY would leave to the poll. */
    static final String POLL = "300ms";
    /** Small pools: many tests, and other builds, share one PostgreSQL server (100 connections). */
    static final String POOL = "3";

    private final Path dir;
    private final LocalMixnet sim;
    private final TestPostgres pg;
    private final Map<String, DirectoryServer> running = new LinkedHashMap<>();
    private String keyPem;

    SharedDatabaseNodes(Path dir, LocalMixnet sim, TestPostgres pg) {
        this.dir = dir;
        this.sim = sim;
        this.pg = pg;
    }

    /** Starts node {@code id} (again) in this process and waits until it knows its address. */
    DirectoryServer start(String id) throws IOException, InterruptedException {
        DirectoryServer server = DirectoryServer.start(config(id));
        running.put(id, server);
        if (server.awaitAddress(Duration.ofSeconds(10)) == null) {
            throw new IllegalStateException("node " + id + " did not reach its nym-client");
        }
        Await.until("node " + id + " publishes its address", () -> server.address() != null);
        keyPem = server.publicKeyPem();
        return server;
    }

    /** A clean stop of an in-process node; {@link #start} brings it back on the same nym-client. */
    void stop(String id) {
        DirectoryServer server = running.remove(id);
        if (server != null) {
            server.close();
        }
    }

    /**
     * Node {@code id} as a child process with a copy of the shared key (start a node in this process first:
     * it makes the key), on the same database. The caller starts, kills and closes it.
     */
    ServerProcess childProcess(String id) throws IOException {
        Path home = dir.resolve(id);
        copyTree(dir.resolve("keys"), home.resolve("storage/keys"));
        Files.createDirectories(home.resolve("secrets"));
        Files.copy(dir.resolve("secret"), home.resolve("secrets/encryption_password"),
                StandardCopyOption.REPLACE_EXISTING);
        return new ServerProcess(home, sim.serviceUrl(id), Map.of(
                "NYMDIR_DATABASE_URL", pg.url(), "NYMDIR_NODE_ID", id, "NYMDIR_NODE_POLL", POLL,
                "NYMDIR_DATABASE_POOL", POOL));
    }

    ServeConfig config(String id) throws IOException {
        Path home = dir.resolve(id);
        Map<String, String> vars = new HashMap<>(Map.of(
                "WEBSOCKET_URL", sim.serviceUrl(id).toString(),
                "DATABASE_PATH", home.resolve("storage/nym_server.db").toString(),
                "KEYS_DIR", dir.resolve("keys").toString(),
                "SECRET_PATH", dir.resolve("secret").toString(),
                "LOG_FILE_PATH", home.resolve("storage/app.log").toString(),
                "NYM_ADDRESS_FILE", home.resolve("storage/nym_address.txt").toString(),
                "NYMDIR_DATABASE_URL", pg.url(),
                "NYMDIR_NODE_ID", id,
                "NYMDIR_NODE_POLL", POLL,
                "NYMDIR_DATABASE_POOL", POOL));
        return ServeConfig.from(vars);
    }

    /** The nym address of node {@code id}'s nym-client (the same across the node's restarts). */
    NymAddress address(String id) {
        return sim.serviceAddress(id);
    }

    /** The one key every node signs with. */
    String keyPem() {
        return keyPem;
    }

    DirectoryServer server(String id) {
        return running.get(id);
    }

    /** A chat client with a stable address named {@code client}, talking to node {@code node}. */
    ChatPeer peer(String client, String node) {
        return ChatPeer.connect(sim.clientUrl(client), address(node), keyPem);
    }

    LocalMixnet sim() {
        return sim;
    }

    @Override
    public void close() {
        running.values().forEach(DirectoryServer::close);
        running.clear();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
