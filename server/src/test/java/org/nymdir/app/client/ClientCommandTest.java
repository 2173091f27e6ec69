package org.nymdir.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.crypto.ClientKeyFiles;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.testing.Cli;
import org.nymdir.testing.LocalDirectoryExtension;

/** {@code nymdir client …} commands, in-process, against a real directory on the local mixnet. */
class ClientCommandTest {
    @RegisterExtension
    static final LocalDirectoryExtension env = LocalDirectoryExtension.builder().build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path keys;

    /** The flags a user of {@code name}'s nym-client gives; the key is found beside the address file. */
    private String[] as(String name, String... args) {
        return as(name, keys, args);
    }

    private static String[] as(String name, Path keysDir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--nym-url", env.nymClientUrl(name).toString(),
                "--directory", env.local().serveConfig().nymAddressFile().toString(),
                "--keys-dir", keysDir.toString(), "--timeout", "10"));
        return all.toArray(String[]::new);
    }

    private static Cli.Run ok(Cli.Run run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    @Test
    void registerLookupSendListenHandshakeAndDirect() throws Exception {
        String alice = env.uniqueName("alice");
        String bob = env.uniqueName("bob");
        assertThat(ok(Cli.run(as(alice, "client", "register", alice))).out()).contains("registered " + alice);
        ok(Cli.run(as(bob, "client", "register", bob)));
        assertThat(ClientKeyFiles.privateKeyPath(keys, alice)).exists();
        assertThat(Files.readString(ClientKeyFiles.privateKeyPath(keys, alice)))
                .startsWith("-----BEGIN PRIVATE KEY-----");

        Cli.Run lookup = ok(Cli.run(as(alice, "client", "lookup", bob, "--json")));
        JsonNode user = JSON.readTree(lookup.outLines().get(0));
        assertThat(user.get("event").asText()).isEqualTo("user");
        assertThat(user.get("publicKey").asText())
                .isEqualTo(Files.readString(ClientKeyFiles.publicKeyPath(keys, bob)));
        assertThat(lookup.err()).as("the key was found beside the address file").doesNotContain("not verified");

        // bob listens (logs in) while alice writes through the directory, then sends her handshake. No need
        // to wait for bob: whatever reaches his nym-client before he connects is held and flushed to him.
        // (its own thread, not the common pool: the JDK's WebSocket completes handshakes there, and a 2-core
        // machine's common pool has one worker, which a blocked listener would hold)
        CompletableFuture<Cli.Run> listening = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> listening.complete(
                Cli.run(as(bob, "client", "listen", "--as", bob, "--count", "2", "--for", "20", "--json"))));
        assertThat(ok(Cli.run(as(alice, "client", "send", bob, "h\u00e9llo \u001b[2J bob", "--as", alice))).out())
                .contains("sent to " + bob + " (directory)");
        ok(Cli.run(as(alice, "client", "handshake", bob, "--as", alice)));
        Cli.Run heard = ok(listening.get(30, TimeUnit.SECONDS));
        List<JsonNode> events = heard.outLines().stream().map(ClientCommandTest::json).toList();
        assertThat(events).extracting(e -> e.get("event").asText())
                .containsExactly("listening", "message", "handshake");
        assertThat(events.get(1).get("text").asText()).isEqualTo("h\u00e9llo \u001b[2J bob");
        assertThat(events.get(1).get("route").asText()).isEqualTo("directory");
        assertThat(events.get(2).get("from").asText()).isEqualTo(alice);

        // bob now knows alice's address (peers.json) and writes directly; alice, offline, gets it on connect
        assertThat(ok(Cli.run(as(bob, "client", "send", alice, "direct one", "--as", bob))).out())
                .contains("(direct)");
        Cli.Run aliceHears = ok(Cli.run(as(alice, "client", "listen", "--as", alice, "--count", "1", "--for", "20")));
        assertThat(aliceHears.out()).contains(bob + " (direct): direct one");
    }

    @Test
    void rotateKeyReplacesTheKeyFilesAndDeleteGivesTheNameUp() throws Exception {
        String alice = env.uniqueName("alice");
        ok(Cli.run(as(alice, "client", "register", alice)));
        String before = Files.readString(ClientKeyFiles.publicKeyPath(keys, alice));
        assertThat(ok(Cli.run(as(alice, "client", "rotate-key", "--as", alice))).out())
                .contains("rotated the key of " + alice);
        String after = Files.readString(ClientKeyFiles.publicKeyPath(keys, alice));
        assertThat(after).isNotEqualTo(before);
        assertThat(keys.resolve(".rotating").resolve(alice)).doesNotExist();
        JsonNode user = JSON.readTree(ok(Cli.run(as(alice, "client", "lookup", alice, "--json"))).outLines().get(0));
        assertThat(user.get("publicKey").asText()).isEqualTo(after);
        ok(Cli.run(as(alice, "client", "login", alice))); // with the new key on disk

        assertThat(ok(Cli.run(as(alice, "client", "delete", "--as", alice))).out())
                .contains("deleted the account " + alice);
        assertThat(Cli.run(as(alice, "client", "lookup", alice)).exitCode()).isEqualTo(ExitCodes.USER_UNKNOWN);
        Cli.Run again = Cli.run(as(env.uniqueName("other"), "client", "register", alice.toUpperCase(Locale.ROOT)));
        assertThat(again.err()).as(again.toString()).contains("username already in use");
    }

    @Test
    void textModeEscapesControlCharactersOfMessages() {
        assertThat(Output.printable("a\u001b[31mb\u202Ec\n")).isEqualTo("a\\u001b[31mb\\u202ec\\u000a");
    }

    @Test
    void eachFailureHasItsExitCode() {
        String alice = env.uniqueName("alice");
        ok(Cli.run(as(alice, "client", "register", alice)));

        Cli.Run unknown = Cli.run(as(alice, "client", "lookup", "nobody_" + alice));
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USER_UNKNOWN);
        assertThat(unknown.err()).contains("knows no user nobody_" + alice);
        assertThat(Cli.run(as(alice, "client", "login", "nobody_" + alice)).exitCode())
                .as("no keys for that name").isEqualTo(ExitCodes.KEY_PROBLEM);
        assertThat(Cli.run(as(alice, "client", "send", "nobody_" + alice, "hi", "--as", alice)).exitCode())
                .isEqualTo(ExitCodes.USER_UNKNOWN);

        Cli.Run taken = Cli.run(as(env.uniqueName("other"), keys.resolve("elsewhere"), "client", "register", alice));
        assertThat(taken.exitCode()).as(taken.toString()).isEqualTo(ExitCodes.DIRECTORY_ERROR);
        assertThat(taken.err()).contains("error: username already in use");
        assertThat(keys.resolve("elsewhere").resolve(alice)).as("keys of a refused name are removed").doesNotExist();

        assertThat(Cli.run(as(alice, "client", "send", alice, "hi", "--as", alice, "--direct")).exitCode())
                .isEqualTo(ExitCodes.NO_DIRECT_ROUTE);
        assertThat(Cli.run(as(alice, "client", "login", "../etc")).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(as(alice, "client", "listen")).exitCode()).as("--as is required").isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void wrongDirectoryKeyIsASignatureMismatch(@TempDir Path other) throws Exception {
        String alice = env.uniqueName("alice");
        Path wrongKey = other.resolve("wrong.pem");
        Files.writeString(wrongKey, EcKeyPair.generate(new java.security.SecureRandom()).publicKeyPem());
        Cli.Run run = Cli.run(as(alice, "client", "lookup", alice, "--json", "--directory-key", wrongKey.toString()));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.SIGNATURE_MISMATCH);
        JsonNode error = JSON.readTree(run.err().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(error.get("error").asText()).isEqualTo("signature-mismatch");
        assertThat(error.get("exitCode").asInt()).isEqualTo(ExitCodes.SIGNATURE_MISMATCH);
    }

    @Test
    void silentDirectoryIsATimeoutAndAMissingNymClientIsUnreachable() throws Exception {
        String alice = env.uniqueName("alice");
        // a mixnet address where nobody answers: a client that never connects
        String nobody = env.sim().clientAddress(env.uniqueName("silent")).text();
        Cli.Run timeout = Cli.run("client", "lookup", "bob", "--nym-url", env.nymClientUrl(alice).toString(),
                "--directory", nobody, "--timeout", "0.5");
        assertThat(timeout.exitCode()).as(timeout.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(timeout.err()).contains("not verified").contains("no query reply");

        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Cli.Run unreachable = Cli.run("client", "lookup", "bob", "--nym-url", "ws://127.0.0.1:" + closedPort + "/",
                "--directory", nobody, "--timeout", "0.5");
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(ExitCodes.NYM_CLIENT_UNREACHABLE);
    }

    @Test
    void passphraseProtectedKeys(@TempDir Path secrets) throws Exception {
        String carol = env.uniqueName("carol");
        Path passphrase = secrets.resolve("pass");
        Files.writeString(passphrase, "correct horse\n");
        ok(Cli.run(as(carol, "client", "register", carol, "--passphrase-file", passphrase.toString())));
        assertThat(Files.readString(ClientKeyFiles.privateKeyPath(keys, carol))).startsWith("-----BEGIN ENCRYPTED");
        assertThat(Cli.run(as(carol, "client", "login", carol)).exitCode()).isEqualTo(ExitCodes.KEY_PROBLEM);
        ok(Cli.run(as(carol, "client", "login", carol, "--passphrase-file", passphrase.toString())));
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
