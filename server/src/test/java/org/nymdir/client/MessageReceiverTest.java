package org.nymdir.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nymdir.client.e2e.NymChatContent;
import org.nymdir.client.e2e.NymChatE2e;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.PemKeys;
import org.nymdir.dialect.json.PythonJson;
import org.nymdir.dialect.v1.V1Dialect;
import org.nymdir.directory.Reply;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.TestClock;

/**
 * Receiving the fixture message of the Python client, relayed (rendered by our own directory dialect) and
 * direct, and every reason to refuse one.
 */
class MessageReceiverTest {
    private static final JsonNode E2E = Fixtures.nymchat().get("e2e_message");
    private static final String ALICE_PEM = E2E.get("sender_public_key_pem").asText();
    private static final String MAILBOX_ID = "0123456789abcdef0123456789abcdef";
    private static final String PLAINTEXT_MESSAGE = "Hello Bob, h\u00e9llo \uD83D\uDE00";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Ecdsa ECDSA = Ecdsa.withDefaultProvider();

    private final EcKeyPair directoryKey = EcKeyPair.generate(RANDOM);
    private final ScriptedLink link = new ScriptedLink(DirectoryExchangeTest.randomAddress());
    private final DirectoryExchange exchange = new DirectoryExchange(link,
            ClientConfig.of(DirectoryExchangeTest.randomAddress()).withDirectoryKey(directoryKey.publicKey()), ECDSA, "t");
    private final Peers peers = Peers.inMemory();
    private final AtomicInteger lookups = new AtomicInteger();
    private final TestClock clock = TestClock.atEpochDay();

    private static UserIdentity bob(String name) throws Exception {
        return new UserIdentity(name, PemKeys.parsePrivateKey(E2E.get("recipient_private_key_pem").asText()));
    }

    private MessageReceiver receiver(UserIdentity me) {
        return new MessageReceiver(me, peers, username -> {
            lookups.incrementAndGet();
            if (!username.equals("alice")) {
                throw new ClientException.UserUnknown(username, "no " + username);
            }
            peers.rememberKey(username, ALICE_PEM);
            return ALICE_PEM;
        }, exchange, NymChatE2e.withDefaults(), ECDSA, clock);
    }

    /** The fixture message as our directory forwards it: its own dialect, its own signature. */
    private String relayed(String rawBody, boolean withKey) {
        String rawKey = withKey ? PythonJson.writeString(ALICE_PEM, new StringBuilder()).toString() : null;
        return new V1Dialect(m -> ECDSA.signHex(directoryKey.privateKey(), m), 1 << 20)
                .encode(new Reply.Incoming("alice", rawBody, rawKey, MAILBOX_ID));
    }

    private static String fixtureBody() {
        return PythonJson.dumps(E2E.get("body"));
    }

    private static String directFixture() {
        return Envelope.direct(E2E.get("send_request_content").asText(),
                E2E.get("send_request_signature_by_sender_over_content").asText());
    }

    @Test
    void decryptsThePythonClientsMessageRelayedByOurDirectory() throws Exception {
        Incoming in = receiver(bob("bob")).process(Envelope.parse(relayed(fixtureBody(), true)), false).incoming();
        assertThat(in).isInstanceOfSatisfying(Incoming.Message.class, m -> {
            assertThat(m.from()).isEqualTo("alice");
            assertThat(m.text()).isEqualTo(PLAINTEXT_MESSAGE);
            assertThat(m.route()).isEqualTo(Route.DIRECTORY);
            assertThat(m.receivedAt()).as("stamped by the client's clock").isEqualTo(clock.instant());
        });
        assertThat(peers.get("alice").orElseThrow().publicKeyPem()).isEqualTo(ALICE_PEM);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void relaysCarryTheirMailboxIdForAcksDirectMessagesNone() throws Exception {
        assertThat(receiver(bob("bob")).process(Envelope.parse(relayed(fixtureBody(), true)), false).mailboxId())
                .isEqualTo(MAILBOX_ID);
        assertThat(receiver(bob("bob")).process(Envelope.parse(directFixture()), true).mailboxId()).isNull();
    }

    @Test
    void aKeyThatCannotBeFetchedNowLeavesTheMessageUnsettled() throws Exception {
        MessageReceiver unlucky = new MessageReceiver(bob("bob"), peers, username -> {
            throw new ClientException.Timeout("no reply");
        }, exchange, NymChatE2e.withDefaults(), ECDSA, clock);
        MessageReceiver.Processed p = unlucky.process(Envelope.parse(relayed(fixtureBody(), false)), false);
        assertThat(p.settled()).isFalse();
        assertThat(p.incoming()).isInstanceOfSatisfying(Incoming.Rejected.class, r -> {
            assertThat(r.reason()).contains("it will come again");
            assertThat(r.receivedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void withoutSenderPublicKeyTheKeyIsLookedUp() throws Exception {
        Incoming in = receiver(bob("bob")).process(Envelope.parse(relayed(fixtureBody(), false)), false).incoming();
        assertThat(in).isInstanceOf(Incoming.Message.class);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aRelayNotSignedByTheDirectoryIsRefused() throws Exception {
        String forged = relayed(fixtureBody(), true).replaceFirst("\"signature\": \"[0-9a-f]+\"",
                "\"signature\": \"" + ECDSA.signHex(EcKeyPair.generate(RANDOM).privateKey(), new byte[1]) + "\"");
        assertThat(receiver(bob("bob")).process(Envelope.parse(forged), false).incoming())
                .isInstanceOfSatisfying(Incoming.Rejected.class, r -> assertThat(r.reason()).contains("directory"));
    }

    @Test
    void anAlteredBodyIsRefused() throws Exception {
        String body = fixtureBody();
        int at = body.indexOf("\"ciphertext\": \"") + 15;
        String altered = body.substring(0, at) + (body.charAt(at) == '0' ? '1' : '0') + body.substring(at + 1);
        assertThat(receiver(bob("bob")).process(Envelope.parse(relayed(altered, true)), false).incoming())
                .isInstanceOfSatisfying(Incoming.Rejected.class,
                        r -> assertThat(r.reason()).contains("payloadSignature does not verify"));
    }

    @Test
    void decryptsThePythonClientsMessageSentDirectly() throws Exception {
        Incoming in = receiver(bob("bob")).process(Envelope.parse(directFixture()), true).incoming();
        assertThat(in).isInstanceOfSatisfying(Incoming.Message.class, m -> {
            assertThat(m.text()).isEqualTo(PLAINTEXT_MESSAGE);
            assertThat(m.route()).isEqualTo(Route.DIRECT);
        });
        assertThat(lookups).as("a direct message never vouches for its own senderPublicKey").hasValue(1);
    }

    @Test
    void aDirectMessageIsRecognisedByItsRecipientFieldEvenWithoutATag() throws Exception {
        assertThat(receiver(bob("bob")).process(Envelope.parse(directFixture()), false).incoming().route()).isEqualTo(Route.DIRECT);
    }

    @Test
    void aDirectMessageForSomeoneElseOrFromAnUnknownSenderIsRefused() throws Exception {
        assertThat(receiver(bob("carol")).process(Envelope.parse(directFixture()), true).incoming())
                .isInstanceOfSatisfying(Incoming.Rejected.class, r -> assertThat(r.reason()).contains("someone else"));
        String fromMallory = directFixture().replace("\\\"sender\\\": \\\"alice\\\"", "\\\"sender\\\": \\\"mallory\\\"");
        assertThat(receiver(bob("bob")).process(Envelope.parse(fromMallory), true).incoming())
                .isInstanceOfSatisfying(Incoming.Rejected.class, r -> {
                    assertThat(r.from()).isEqualTo("mallory");
                    assertThat(r.reason()).contains("cannot get the sender's key");
                });
    }

    @Test
    void aHandshakeTeachesThePeersAddress() throws Exception {
        UserIdentity alice = UserIdentity.generate("alice", RANDOM);
        UserIdentity bob = UserIdentity.generate("bob", RANDOM);
        NymAddress aliceAddress = DirectoryExchangeTest.randomAddress();
        peers.rememberKey("alice", alice.publicKeyPem());
        var body = NymChatE2e.withDefaults().encrypt(bob.keys().publicKey(),
                NymChatContent.plaintext(NymChatContent.HANDSHAKE, aliceAddress.text()), alice.keys().privateKey());
        String rawBody = PythonJson.dumps(body);
        Incoming in = receiver(bob).process(Envelope.parse(relayed(rawBody, false)), false).incoming();
        assertThat(in).isInstanceOfSatisfying(Incoming.Handshake.class, h -> assertThat(h.address()).isEqualTo(aliceAddress));
        assertThat(peers.get("alice").orElseThrow().address()).isEqualTo(aliceAddress);
    }

    @Test
    void theClientBuffersWhatArrivesBeforeItIsReady() throws Exception {
        // a nym-client flushes held messages the moment we connect, before it even tells our address
        ScriptedLink early = new ScriptedLink(DirectoryExchangeTest.randomAddress());
        early.onStart = () -> early.deliver(directFixture(), SenderTag.random(RANDOM));
        Peers known = Peers.inMemory();
        known.rememberKey("alice", ALICE_PEM);
        clock.advance(Duration.ofHours(1));
        try (NymdirClient client = NymdirClient.connect(early, "scripted", ClientConfig.of(
                DirectoryExchangeTest.randomAddress()), bob("bob"), known, clock)) {
            assertThat(client.receive(Duration.ofSeconds(5))).isInstanceOfSatisfying(Incoming.Message.class, m -> {
                assertThat(m.text()).isEqualTo(PLAINTEXT_MESSAGE);
                assertThat(m.receivedAt()).as("the clock given to connect").isEqualTo(clock.instant());
            });
        }
    }

    @Test
    void aRelayIsAckedOnceTakenAndShownOnceWhenItComesAgain() throws Exception {
        ScriptedLink scripted = new ScriptedLink(DirectoryExchangeTest.randomAddress());
        UserIdentity bob = bob("bob");
        try (NymdirClient client = NymdirClient.connect(scripted, "scripted", ClientConfig.of(
                DirectoryExchangeTest.randomAddress()).withDirectoryKey(directoryKey.publicKey()), bob, peers,
                clock)) {
            scripted.deliver(relayed(fixtureBody(), true), null);
            assertThat(scripted.sent).as("not acked before the application took it").isEmpty();
            assertThat(client.receive(Duration.ofSeconds(5))).isInstanceOf(Incoming.Message.class);
            assertAck(scripted.next(), bob);

            scripted.deliver(relayed(fixtureBody(), true), null); // our ack was lost: the directory sends it again
            assertAck(scripted.next(), bob);
            assertThat(client.receive(Duration.ofMillis(200))).as("shown once").isNull();
        }
    }

    private static void assertAck(ScriptedLink.Sent sent, UserIdentity by) {
        JsonNode ack = Envelope.tree(sent.message());
        assertThat(ack.get("action").asText()).isEqualTo("ack");
        String content = ack.get("content").asText();
        assertThat(content).isEqualTo("{\"username\": \"bob\", \"ids\": [\"" + MAILBOX_ID + "\"]}");
        assertThat(ECDSA.verifyHex(by.keys().publicKey(), content.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ack.get("signature").asText())).isTrue();
    }
}
