package org.nymdir.client.e2e;

import org.nymdir.dialect.json.PythonJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nymdir.client.e2e.E2eException.Reason;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.PemKeys;
import org.nymdir.testing.Fixtures;

class NymChatE2eTest {
    private static final JsonNode E2E = Fixtures.nymchat().get("e2e_message");
    private static final Ecdsa ECDSA = Ecdsa.withDefaultProvider();
    private final NymChatE2e e2e = new NymChatE2e(ECDSA, new SecureRandom());

    private static EcKeyPair key(String field) throws Exception {
        return PemKeys.parsePrivateKey(E2E.get(field).asText());
    }

    @Test
    void decryptsTheFixtureMessageFromThePythonClient() throws Exception {
        String plaintext = e2e.decrypt(key("recipient_private_key_pem").privateKey(), E2E.get("body"),
                PemKeys.parsePublicKey(E2E.get("sender_public_key_pem").asText()));
        assertThat(plaintext).isEqualTo(E2E.get("plaintext_json").asText());
        JsonNode message = Fixtures.JSON.readTree(plaintext);
        assertThat(message.get("type").asInt()).isEqualTo(NymChatContent.CHAT);
        assertThat(message.get("message").asText()).isEqualTo("Hello Bob, h\u00e9llo \uD83D\uDE00");
    }

    @Test
    void theFixturePayloadSignatureVerifiesOverThePythonRendering() throws Exception {
        JsonNode body = E2E.get("body");
        byte[] signed = PythonJson.dumps(body.get("encryptedPayload")).getBytes(StandardCharsets.UTF_8);
        assertThat(ECDSA.verifyHex(PemKeys.parsePublicKey(E2E.get("sender_public_key_pem").asText()), signed,
                body.get("payloadSignature").asText())).isTrue();
    }

    @Test
    void theFixtureSendRequestSignatureVerifiesOverTheContent() throws Exception {
        assertThat(ECDSA.verifyHex(E2E.get("sender_public_key_pem").asText(),
                E2E.get("send_request_content").asText().getBytes(StandardCharsets.UTF_8),
                E2E.get("send_request_signature_by_sender_over_content").asText())).isTrue();
    }

    @Test
    void roundTripsWithThePythonClientsShape() throws Exception {
        EcKeyPair alice = EcKeyPair.generate(new SecureRandom());
        EcKeyPair bob = EcKeyPair.generate(new SecureRandom());
        String plaintext = NymChatContent.plaintext(NymChatContent.HANDSHAKE, "ünïcødé \uD83D\uDE00 \u0000 \"q\"");

        ObjectNode body = e2e.encrypt(bob.publicKey(), plaintext, alice.privateKey());

        assertThat(fieldNames(body)).containsExactly("encryptedPayload", "payloadSignature");
        assertThat(fieldNames(body.get("encryptedPayload")))
                .containsExactly("ephemeralPublicKey", "salt", "encryptedBody");
        assertThat(fieldNames(body.get("encryptedPayload").get("encryptedBody")))
                .containsExactly("iv", "ciphertext", "tag");
        assertThat(body.at("/encryptedPayload/salt").asText()).matches("[0-9a-f]{32}");
        assertThat(body.at("/encryptedPayload/encryptedBody/iv").asText()).matches("[0-9a-f]{24}");
        assertThat(body.at("/encryptedPayload/encryptedBody/tag").asText()).matches("[0-9a-f]{32}");
        assertThat(body.at("/payloadSignature").asText()).matches("[0-9a-f]+");

        // Through the wire: a string and back, as the directory forwards it.
        JsonNode received = Fixtures.JSON.readTree(PythonJson.dumps(body));
        assertThat(e2e.decrypt(bob.privateKey(), received, alice.publicKey())).isEqualTo(plaintext);
    }

    @Test
    void everyMessageHasFreshKeyMaterial() {
        EcKeyPair alice = EcKeyPair.generate(new SecureRandom());
        EcKeyPair bob = EcKeyPair.generate(new SecureRandom());
        ObjectNode a = e2e.encrypt(bob.publicKey(), "same", alice.privateKey());
        ObjectNode b = e2e.encrypt(bob.publicKey(), "same", alice.privateKey());
        assertThat(a.at("/encryptedPayload/ephemeralPublicKey"))
                .isNotEqualTo(b.at("/encryptedPayload/ephemeralPublicKey"));
        assertThat(a.at("/encryptedPayload/salt")).isNotEqualTo(b.at("/encryptedPayload/salt"));
        assertThat(a.at("/encryptedPayload/encryptedBody/iv")).isNotEqualTo(b.at("/encryptedPayload/encryptedBody/iv"));
    }

    @Test
    void tamperingIsRejected() throws Exception {
        var recipient = key("recipient_private_key_pem").privateKey();
        var sender = PemKeys.parsePublicKey(E2E.get("sender_public_key_pem").asText());
        List<Consumer<ObjectNode>> edits = List.of(
                b -> flipHex(b, "/encryptedPayload/encryptedBody", "ciphertext"),
                b -> flipHex(b, "/encryptedPayload/encryptedBody", "tag"),
                b -> flipHex(b, "/encryptedPayload/encryptedBody", "iv"),
                b -> flipHex(b, "/encryptedPayload", "salt"),
                b -> ((ObjectNode) b.get("encryptedPayload")).put("ephemeralPublicKey",
                        E2E.get("recipient_public_key_pem").asText()),
                b -> flipHex(b, "", "payloadSignature"));
        for (Consumer<ObjectNode> edit : edits) {
            ObjectNode body = E2E.get("body").deepCopy();
            edit.accept(body);
            assertThatThrownBy(() -> e2e.decrypt(recipient, body, sender))
                    .isInstanceOf(E2eException.class)
                    .extracting(e -> ((E2eException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void aTamperedCiphertextResignedByTheSenderStillFailsTheTag() throws Exception {
        // The signature covers the payload; this isolates the AES-GCM check from it.
        EcKeyPair alice = EcKeyPair.generate(new SecureRandom());
        EcKeyPair bob = EcKeyPair.generate(new SecureRandom());
        ObjectNode body = e2e.encrypt(bob.publicKey(), "hi", alice.privateKey());
        for (String field : new String[] {"ciphertext", "tag"}) {
            ObjectNode copy = body.deepCopy();
            flipHex(copy, "/encryptedPayload/encryptedBody", field);
            copy.put("payloadSignature", ECDSA.signHex(alice.privateKey(),
                    PythonJson.dumps(copy.get("encryptedPayload")).getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> e2e.decrypt(bob.privateKey(), copy, alice.publicKey()))
                    .isInstanceOf(E2eException.class)
                    .extracting(e -> ((E2eException) e).reason()).isEqualTo(Reason.UNDECRYPTABLE);
        }
    }

    @Test
    void wrongRecipientOrSenderIsRejected() throws Exception {
        EcKeyPair alice = EcKeyPair.generate(new SecureRandom());
        EcKeyPair bob = EcKeyPair.generate(new SecureRandom());
        EcKeyPair eve = EcKeyPair.generate(new SecureRandom());
        ObjectNode body = e2e.encrypt(bob.publicKey(), "hi", alice.privateKey());
        assertThatThrownBy(() -> e2e.decrypt(eve.privateKey(), body, alice.publicKey()))
                .extracting(e -> ((E2eException) e).reason()).isEqualTo(Reason.UNDECRYPTABLE);
        assertThatThrownBy(() -> e2e.decrypt(bob.privateKey(), body, eve.publicKey()))
                .extracting(e -> ((E2eException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void malformedBodiesAreTypedFailures() throws Exception {
        EcKeyPair alice = EcKeyPair.generate(new SecureRandom());
        EcKeyPair bob = EcKeyPair.generate(new SecureRandom());
        ObjectNode good = e2e.encrypt(bob.publicKey(), "hi", alice.privateKey());
        List<Consumer<ObjectNode>> edits = List.of(
                b -> b.remove("encryptedPayload"),
                b -> b.put("encryptedPayload", "a string"),
                b -> b.remove("payloadSignature"),
                b -> ((ObjectNode) b.get("encryptedPayload")).put("salt", "abcd"),
                b -> ((ObjectNode) b.get("encryptedPayload")).put("salt", 5),
                b -> ((ObjectNode) b.get("encryptedPayload")).put("ephemeralPublicKey", "not a key"),
                b -> ((ObjectNode) b.get("encryptedPayload")).remove("encryptedBody"),
                b -> ((ObjectNode) b.at("/encryptedPayload/encryptedBody")).put("iv", "zz"),
                b -> ((ObjectNode) b.at("/encryptedPayload/encryptedBody")).put("tag", "00"));
        for (Consumer<ObjectNode> edit : edits) {
            ObjectNode body = good.deepCopy();
            edit.accept(body);
            if (body.has("encryptedPayload") && body.get("encryptedPayload").isObject()
                    && body.has("payloadSignature")) {
                body.put("payloadSignature", ECDSA.signHex(alice.privateKey(),
                        PythonJson.dumps(body.get("encryptedPayload")).getBytes(StandardCharsets.UTF_8)));
            }
            assertThatThrownBy(() -> e2e.decrypt(bob.privateKey(), body, alice.publicKey()))
                    .isInstanceOf(E2eException.class)
                    .extracting(e -> ((E2eException) e).reason()).isIn(Reason.MALFORMED, Reason.BAD_SIGNATURE);
        }
        assertThatThrownBy(() -> e2e.decrypt(bob.privateKey(), Fixtures.JSON.readTree("[]"), alice.publicKey()))
                .extracting(e -> ((E2eException) e).reason()).isEqualTo(Reason.MALFORMED);
    }

    private static void flipHex(ObjectNode body, String path, String field) {
        ObjectNode parent = path.isEmpty() ? body : (ObjectNode) body.at(path);
        String hex = parent.get(field).asText();
        char last = hex.charAt(hex.length() - 1);
        parent.put(field, hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0'));
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(java.util.Map.Entry::getKey).toList();
    }
}
