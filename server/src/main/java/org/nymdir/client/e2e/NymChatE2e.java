package org.nymdir.client.e2e;

import org.nymdir.dialect.json.PythonJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.nymdir.client.e2e.E2eException.Reason;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;

/**
 * nymCHAT's end-to-end encryption, interoperable with the original Python client (protocol-nymchat-v1.md,
 * "The end-to-end body"):
 *
 * <pre>
 * ephemeral   = fresh P-256 key pair, one per message
 * shared      = ECDH(ephemeral, recipient)                      (x coordinate, 32 bytes)
 * key         = HKDF-SHA256(shared, salt = 16 random bytes, info = "ECDH session key", 32 bytes)
 * ciphertext  = AES-256-GCM(key, iv = 12 random bytes, plaintext UTF-8), 16-byte tag kept apart
 * body        = {"encryptedPayload": {"ephemeralPublicKey": PEM, "salt": hex,
 *                                     "encryptedBody": {"iv": hex, "ciphertext": hex, "tag": hex}},
 *                "payloadSignature": hex ECDSA by the sender over PythonJson.dumps(encryptedPayload)}
 * </pre>
 *
 * Decryption authenticates first (the sender's signature), then decrypts; any failure is an
 * {@link E2eException} whose reason separates forgery from damage from nonsense.
 */
public final class NymChatE2e {
    static final byte[] INFO = "ECDH session key".getBytes(StandardCharsets.US_ASCII);
    static final int SALT_BYTES = 16;
    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;

    private static final HexFormat HEX = HexFormat.of();

    private final Ecdsa ecdsa;
    private final SecureRandom random;

    public NymChatE2e(Ecdsa ecdsa, SecureRandom random) {
        this.ecdsa = Objects.requireNonNull(ecdsa, "ecdsa");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** On the process's ECDSA provider and a new SecureRandom. */
    public static NymChatE2e withDefaults() {
        return new NymChatE2e(Ecdsa.withDefaultProvider(), new SecureRandom());
    }

    /**
     * Encrypts the plaintext (for nymCHAT, {@link NymChatContent#plaintext}) to the recipient and signs it as
     * the sender. Returns the body object, keys in the order the Python client writes them.
     */
    public ObjectNode encrypt(ECPublicKey recipient, String plaintext, ECPrivateKey sender) {
        EcKeyPair ephemeral = EcKeyPair.generate(random);
        byte[] salt = randomBytes(SALT_BYTES);
        byte[] iv = randomBytes(IV_BYTES);
        byte[] key = sessionKey(ephemeral.privateKey(), recipient, salt);
        byte[] sealed;
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            sealed = gcm.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        int ciphertextLength = sealed.length - TAG_BYTES;

        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode encryptedBody = json.objectNode();
        encryptedBody.put("iv", HEX.formatHex(iv));
        encryptedBody.put("ciphertext", HEX.formatHex(sealed, 0, ciphertextLength));
        encryptedBody.put("tag", HEX.formatHex(sealed, ciphertextLength, sealed.length));
        ObjectNode payload = json.objectNode();
        payload.put("ephemeralPublicKey", ephemeral.publicKeyPem());
        payload.put("salt", HEX.formatHex(salt));
        payload.set("encryptedBody", encryptedBody);

        ObjectNode body = json.objectNode();
        body.set("encryptedPayload", payload);
        body.put("payloadSignature", ecdsa.signHex(sender, PythonJson.dumps(payload).getBytes(StandardCharsets.UTF_8)));
        return body;
    }

    /**
     * Verifies the sender's signature over the payload, then decrypts it with the recipient's key.
     *
     * @return the plaintext (for nymCHAT, a JSON object {"type": 0|1, "message": ...} as text)
     * @throws E2eException malformed body, bad signature, or undecryptable ciphertext
     */
    public String decrypt(ECPrivateKey recipient, JsonNode body, ECPublicKey sender) throws E2eException {
        if (body == null || !body.isObject()) {
            throw new E2eException(Reason.MALFORMED, "body is not a JSON object");
        }
        JsonNode payload = body.get("encryptedPayload");
        if (payload == null || !payload.isObject()) {
            throw new E2eException(Reason.MALFORMED, "missing encryptedPayload");
        }
        String signature = text(body, "payloadSignature");
        byte[] signed = PythonJson.dumps(payload).getBytes(StandardCharsets.UTF_8);
        if (!ecdsa.verifyHex(sender, signed, signature)) {
            throw new E2eException(Reason.BAD_SIGNATURE, "payloadSignature does not verify with the sender's key");
        }

        ECPublicKey ephemeral;
        try {
            ephemeral = PemKeys.parsePublicKey(text(payload, "ephemeralPublicKey"));
        } catch (InvalidKeyMaterialException e) {
            throw new E2eException(Reason.MALFORMED, "ephemeralPublicKey: " + e.getMessage());
        }
        byte[] salt = hex(payload, "salt", SALT_BYTES);
        JsonNode encryptedBody = payload.get("encryptedBody");
        if (encryptedBody == null || !encryptedBody.isObject()) {
            throw new E2eException(Reason.MALFORMED, "missing encryptedBody");
        }
        byte[] iv = hex(encryptedBody, "iv", IV_BYTES);
        byte[] ciphertext = hex(encryptedBody, "ciphertext", -1);
        byte[] tag = hex(encryptedBody, "tag", TAG_BYTES);

        byte[] sealed = Arrays.copyOf(ciphertext, ciphertext.length + TAG_BYTES);
        System.arraycopy(tag, 0, sealed, ciphertext.length, TAG_BYTES);
        byte[] key = sessionKey(recipient, ephemeral, salt);
        byte[] plaintext;
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            plaintext = gcm.doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw new E2eException(Reason.UNDECRYPTABLE, "AES-GCM tag does not verify: not for this key, or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plaintext))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new E2eException(Reason.MALFORMED, "plaintext is not UTF-8");
        }
    }

    /** HKDF-SHA256 of the ECDH shared secret; the peer key was checked to lie on P-256 when parsed. */
    private static byte[] sessionKey(ECPrivateKey own, ECPublicKey peer, byte[] salt) {
        byte[] shared;
        try {
            KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
            ecdh.init(own);
            ecdh.doPhase(peer, true);
            shared = ecdh.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ECDH failed: keys are not P-256", e);
        }
        try {
            return HkdfSha256.derive(shared, salt, INFO, 32);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String text(JsonNode node, String field) throws E2eException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new E2eException(Reason.MALFORMED, "missing or non-string " + field);
        }
        return value.textValue();
    }

    /** Hex of the given length in bytes (any length when negative). */
    private static byte[] hex(JsonNode node, String field, int expectedBytes) throws E2eException {
        String text = text(node, field);
        byte[] bytes;
        try {
            bytes = HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new E2eException(Reason.MALFORMED, field + " is not hex");
        }
        if (expectedBytes >= 0 && bytes.length != expectedBytes) {
            throw new E2eException(Reason.MALFORMED, field + " must be " + expectedBytes + " bytes");
        }
        return bytes;
    }
}
