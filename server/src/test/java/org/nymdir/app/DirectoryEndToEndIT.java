package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.client.e2e.NymChatContent;
import org.nymdir.client.e2e.NymChatE2e;
import org.nymdir.dialect.json.PythonJson;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.LocalDirectoryExtension;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestUser;

/**
 * The directory as chat clients see it: real WebSockets, the local mixnet with nym-client's SURB
 * accounting, the real server with SQLite and its own key. Every row of the v1 tables is driven through
 * the wire here with exact strings (the directory's own unit tests cover the logic in depth).
 */
class DirectoryEndToEndIT {
    @RegisterExtension
    static final LocalDirectoryExtension env = LocalDirectoryExtension.builder().build();

    private static String content(JsonNode reply) {
        return reply.get("content").textValue();
    }

    private static void assertReply(JsonNode reply, String action, String context, String content) {
        assertThat(reply.get("action").textValue()).isEqualTo(action);
        assertThat(reply.get("context").textValue()).isEqualTo(context);
        assertThat(reply.get("content").textValue()).isEqualTo(content);
    }

    @Test
    void registrationRows() {
        TestUser user = TestUser.named("reg_user");
        try (ChatPeer peer = env.peer("reg-peer")) {
            assertReply(peer.call(Requests.register("reg_user", null).without("publicKey")),
                    "challengeResponse", "registration", "error: missing username or public key");
            assertReply(peer.call(Requests.register("bad name", user.publicKeyPem())),
                    "challengeResponse", "registration", "error: invalid username format");
            assertReply(peer.call(Requests.register("reg_user", "not a pem")),
                    "challengeResponse", "registration", "error: invalid public key");
            assertReply(peer.call(Requests.registrationResponse("reg_user", "00")),
                    "challengeResponse", "registration", "error: no pending registration for sender");

            JsonNode challenge = peer.call(Requests.register("reg_user", user.publicKeyPem()));
            assertThat(challenge.get("action").textValue()).isEqualTo("challenge");
            assertThat(challenge.get("context").textValue()).isEqualTo("registration");
            // the nonce, and nymdir's registration puzzle (an extension v1 clients skip: they read only the nonce)
            assertThat(content(challenge)).matches("\\{\"nonce\": \"[0-9a-f]{32}\", \"work\": \\{\"scheme\":"
                    + " \"nymdir-hashcash-sha256\", \"bits\": [0-9]{1,2}}}");
            assertReply(peer.call(Requests.registrationResponse("reg_user", TestUser.named("x").sign("nonce"))),
                    "challengeResponse", "registration", "error: signature verification failed");

            peer.register(user);
            assertReply(peer.call(Requests.register("reg_user", user.publicKeyPem())),
                    "challengeResponse", "registration", "error: username already in use");
        }
    }

    @Test
    void loginAndQueryRows() {
        TestUser user = TestUser.named("login_user");
        try (ChatPeer peer = env.peer("login-peer")) {
            peer.register(user);
            assertReply(peer.call(Requests.login(null).without("usernym")),
                    "challengeResponse", "login", "error: missing username");
            assertReply(peer.call(Requests.login("nobody_here")), "challengeResponse", "login",
                    "error: user not found");
            assertReply(peer.call(Requests.loginResponse("login_user", "00")),
                    "challengeResponse", "login", "error: no pending login for sender");
            JsonNode challenge = peer.call(Requests.login("login_user"));
            assertThat(challenge.get("context").textValue()).isEqualTo("login");
            assertReply(peer.call(Requests.loginResponse("login_user", user.sign("wrong"))),
                    "challengeResponse", "login", "error: invalid signature");
            peer.login(user);

            assertReply(peer.call(Requests.query(null).without("username")),
                    "queryResponse", "query", "error: missing 'username' field");
            assertReply(peer.call(Requests.query("nobody_here")), "queryResponse", "query", "No user found");
            JsonNode found = peer.call(Requests.query("login_user"));
            assertThat(found.get("action").textValue()).isEqualTo("queryResponse");
            assertThat(ChatPeer.parse(content(found)))
                    .isEqualTo(Fixtures.JSON.createObjectNode().put("username", "login_user")
                            .put("publicKey", user.publicKeyPem()));
        }
    }

    @Test
    void relayForwardsTheBodyCharacterForCharacterAndFollowsALogin() throws Exception {
        TestUser alice = TestUser.named("relay_alice");
        TestUser bob = TestUser.named("relay_bob");
        try (ChatPeer a = env.peer("relay-a"); ChatPeer b = env.peer("relay-b")) {
            a.register(alice);
            b.register(bob);
            // The fixture's body as the Python client renders it, with escapes and odd spellings kept.
            String body = Fixtures.nymchat().get("e2e_message").get("send_request_content").textValue();
            body = body.substring(body.indexOf("\"body\": ") + 8, body.indexOf(", \"encrypted\""));
            body = body.replace("\"payloadSignature\"", "\"x\": 1.50e0, \"u\": \"\\u00e9\", \"payloadSignature\"");
            // alice's own key, as the content spells it (a key that is not hers is dropped from the forward)
            String key = PythonJson.writeString(alice.publicKeyPem(), new StringBuilder()).toString();
            String sent = Requests.content("relay_alice", "relay_bob", body).replace(", \"encrypted\": true",
                    ", \"encrypted\": true, \"senderPublicKey\": " + key);
            assertReply(a.call(Requests.send(alice, sent)), "sendResponse", "chat", "success");
            JsonNode incoming = b.nextReply();
            assertThat(content(incoming)).startsWith(
                    "{\"sender\": \"relay_alice\", \"body\": " + body + ", \"senderPublicKey\": " + key
                            + ", \"id\": \"");
            assertThat(ChatPeer.parse(content(incoming)).get("id").textValue()).matches("[0-9a-f]{32}");
        }
        // Bob comes back on a new client run (new connection, new tag): delivery follows his login.
        try (ChatPeer a = env.peer("relay-a"); ChatPeer b2 = env.peer("relay-b2")) {
            b2.login(bob);
            a.login(alice);
            String sent = Requests.content("relay_alice", "relay_bob", "{\"n\": 2}");
            assertReply(a.call(Requests.send(alice, sent)), "sendResponse", "chat", "success");
            assertThat(content(b2.nextReply()))
                    .startsWith("{\"sender\": \"relay_alice\", \"body\": {\"n\": 2}, \"id\": ");
        }
    }

    @Test
    void sendRows() {
        TestUser alice = TestUser.named("rows_alice");
        TestUser mallory = TestUser.named("rows_mallory");
        try (ChatPeer a = env.peer("rows-a")) {
            a.register(alice);
            String ok = Requests.content("rows_alice", "rows_nobody", "{}");
            assertReply(a.call(Requests.send(alice, ok).without("signature")),
                    "sendResponse", "chat", "error: missing 'content' or 'signature'");
            assertReply(a.call(Requests.send(alice, "{not json")),
                    "sendResponse", "chat", "error: invalid JSON in content");
            assertReply(a.call(Requests.send(alice, "{\"sender\": \"rows_alice\"}")),
                    "sendResponse", "chat", "error: missing 'sender' or 'recipient' field in message content");
            assertReply(a.call(Requests.send(mallory, Requests.content("rows_mallory", "rows_alice", "{}"))),
                    "sendResponse", "chat", "error: unrecognized sender username");
            assertReply(a.call(Requests.send(mallory, Requests.content("rows_alice", "rows_alice", "{}"))),
                    "sendResponse", "chat", "error: invalid signature");
            assertReply(a.call(Requests.send(alice, ok)), "sendResponse", "chat", "error: recipient not found");
        }
    }

    @Test
    void handshakePassesThroughOpaquely() throws Exception {
        TestUser alice = TestUser.named("hs_alice");
        TestUser bob = TestUser.named("hs_bob");
        NymChatE2e e2e = NymChatE2e.withDefaults();
        try (ChatPeer a = env.peer("hs-a"); ChatPeer b = env.peer("hs-b")) {
            a.register(alice);
            b.register(bob);
            String handshake = NymChatContent.plaintext(NymChatContent.HANDSHAKE,
                    env.sim().clientAddress("hs-a").text());
            ObjectNode body = e2e.encrypt(bob.keys().publicKey(), handshake, alice.keys().privateKey());
            String content = NymChatContent.sendContent("hs_alice", "hs_bob", body, alice.publicKeyPem());
            assertReply(a.call(Requests.send(alice, content)), "sendResponse", "chat", "success");
            JsonNode forwarded = ChatPeer.parse(content(b.nextReply()));
            String plaintext = e2e.decrypt(bob.keys().privateKey(), forwarded.get("body"), alice.keys().publicKey());
            assertThat(plaintext).isEqualTo(handshake);
            assertThat(forwarded.get("senderPublicKey").textValue()).isEqualTo(alice.publicKeyPem());
        }
    }

    @Test
    void everyBadInputIsAnsweredOrDroppedAndTheNextRequestStillWorks() {
        TestUser user = TestUser.named("bad_user");
        List<String> answeredWith = List.of(
                "{\"action\": \"update\"}", "{\"action\": \"sendGroup\"}", "{\"action\": \"createGroup\"}",
                "{\"action\": \"inviteGroup\"}", "{\"action\": \"nope\"}", "{\"action\": 7}", "{}",
                "{\"action\": \"register\", \"usernym\": 5, \"publicKey\": []}",
                "{\"action\": \"send\", \"content\": {\"sender\": \"a\"}, \"signature\": 1}",
                "{\"action\": \"query\", \"username\": \"" + "x".repeat(300_000) + "\"}",
                "{\"a\": " + "[".repeat(100) + "]".repeat(100) + "}");
        List<String> expected = List.of(
                "updateResponse|error: unimplemented", "sendGroupResponse|error: unimplemented",
                "createGroupResponse|error: unimplemented", "inviteGroupResponse|error: unimplemented",
                "error|error: unknown action", "error|error: unknown action", "error|error: unknown action",
                "challengeResponse|error: missing username or public key",
                "sendResponse|error: missing 'content' or 'signature'", "error|error: request too large",
                "error|error: JSON nested too deep or number too long");
        try (ChatPeer peer = env.peer("bad-peer")) {
            for (int i = 0; i < answeredWith.size(); i++) {
                peer.sendRaw(answeredWith.get(i));
                JsonNode reply = peer.nextReply();
                assertThat(reply.get("action").textValue() + "|" + content(reply)).isEqualTo(expected.get(i));
                assertReply(peer.call(Requests.query("nobody")), "queryResponse", "query", "No user found");
            }
            for (String dropped : List.of("not json", "[1, 2]", "\"text\"", "{\"action\": ",
                    "{\"action\": \"query\", \"username\": \"x\", \"n\": +Infinity}", "{\"action\": \"query\"} {}")) {
                peer.sendRaw(dropped);
                assertReply(peer.call(Requests.query("nobody")), "queryResponse", "query", "No user found");
            }
            peer.register(user);
        }
    }

    @Test
    void aHundredClientsAtOnce() throws Exception {
        int clients = 100;
        List<Future<String>> found = new ArrayList<>();
        List<TestUser> users = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                TestUser user = TestUser.named("crowd_" + i);
                users.add(user);
                found.add(pool.submit(() -> {
                    try (ChatPeer peer = env.peer(user.name())) {
                        peer.register(user);
                        peer.login(user);
                        return content(peer.call(Requests.query(user.name())));
                    }
                }));
            }
            // Every client's own register, login and lookup went through, each answer its own.
            for (int i = 0; i < clients; i++) {
                assertThat(ChatPeer.parse(found.get(i).get())).isEqualTo(Fixtures.JSON.createObjectNode()
                        .put("username", users.get(i).name()).put("publicKey", users.get(i).publicKeyPem()));
            }
        }
    }

    @Test
    void aRequestGetsExactlyOneReply() {
        try (ChatPeer peer = env.peer("one-reply-peer")) {
            assertReply(peer.call(Requests.query("nobody")), "queryResponse", "query", "No user found");
            peer.expectNothing(Duration.ofMillis(200));
        }
    }
}
