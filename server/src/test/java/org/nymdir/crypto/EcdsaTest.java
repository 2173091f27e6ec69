package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nymdir.testing.Fixtures;

/** Runs under every provider that is available here, so a native provider gets the same checks. */
class EcdsaTest {
    private static final JsonNode E2E = Fixtures.nymchat().get("e2e_message");
    private static final byte[] MESSAGE = "{\"nonce\": \"0123\"}".getBytes(StandardCharsets.UTF_8);

    static Stream<Ecdsa> providers() {
        Stream<Ecdsa> jdk = Stream.of(new Ecdsa(EcdsaProvider.jdk()));
        return Stream.concat(jdk, EcdsaProvider.loadNative().map(p -> new Ecdsa(EcdsaProvider.of(p))).stream());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void verifiesTheFixtureSignaturesMadeByPython(Ecdsa ecdsa) throws Exception {
        ECPublicKey sender = PemKeys.parsePublicKey(E2E.get("sender_public_key_pem").asText());
        byte[] content = E2E.get("send_request_content").asText().getBytes(StandardCharsets.UTF_8);
        String signature = E2E.get("send_request_signature_by_sender_over_content").asText();
        assertThat(ecdsa.verifyHex(sender, content, signature)).isTrue();
        assertThat(ecdsa.verifyHex(sender, content, signature.toUpperCase(Locale.ROOT))).isTrue();
        assertThat(ecdsa.verifyHex(E2E.get("sender_public_key_pem").asText(), content, signature)).isTrue();
        byte[] changed = content.clone();
        changed[10] ^= 1;
        assertThat(ecdsa.verifyHex(sender, changed, signature)).isFalse();
        ECPublicKey recipient = PemKeys.parsePublicKey(E2E.get("recipient_public_key_pem").asText());
        assertThat(ecdsa.verifyHex(recipient, content, signature)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void signsLowerCaseHexDerThatVerifies(Ecdsa ecdsa) {
        EcKeyPair pair = EcKeyPair.generate(new SecureRandom());
        String hex = ecdsa.signHex(pair.privateKey(), MESSAGE);
        assertThat(hex).matches("30[0-9a-f]+").hasSizeLessThanOrEqualTo(Ecdsa.MAX_SIGNATURE_HEX_CHARS);
        assertThat(EcdsaSignatures.isWellFormed(HexFormat.of().parseHex(hex))).isTrue();
        assertThat(ecdsa.verifyHex(pair.publicKey(), MESSAGE, hex)).isTrue();
        assertThat(new Ecdsa(EcdsaProvider.jdk()).verifyHex(pair.publicKey(), MESSAGE, hex)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void garbageIsFalseNeverAnException(Ecdsa ecdsa) throws Exception {
        EcKeyPair pair = EcKeyPair.generate(new SecureRandom());
        String good = ecdsa.signHex(pair.privateKey(), MESSAGE);
        byte[] der = HexFormat.of().parseHex(good);
        Der.Reader seq = new Der.Reader(der).enter(Der.SEQUENCE);
        BigInteger r = seq.readNonNegativeInteger();
        BigInteger s = seq.readNonNegativeInteger();

        String[] bad = {
            null, "", "zz", "3", good + "0", good.substring(2), good + "00", "not hex at all",
            good.replace('a', 'g'), "30" + "0".repeat(Ecdsa.MAX_SIGNATURE_HEX_CHARS), " " + good, good + "\n",
            hex(Der.sequence(Der.integer(r), Der.integer(s), Der.integer(1))), // extra element
            hex(Der.sequence(Der.integer(BigInteger.ZERO), Der.integer(s))), // r = 0
            hex(Der.sequence(Der.integer(r), Der.integer(P256.N))), // s = n
            hex(Der.sequence(Der.integer(r.negate()), Der.integer(s))), // negative r
            hex(Der.sequence(Der.tlv(Der.INTEGER, pad(r)), Der.integer(s))), // non-minimal integer
            hex(Der.sequence(Der.integer(s), Der.integer(r))), // swapped
        };
        for (String signature : bad) {
            assertThat(ecdsa.verifyHex(pair.publicKey(), MESSAGE, signature)).as("%s", signature).isFalse();
        }
        assertThat(ecdsa.verify(null, MESSAGE, der)).isFalse();
        assertThat(ecdsa.verify(pair.publicKey(), null, der)).isFalse();
        assertThat(ecdsa.verify(pair.publicKey(), MESSAGE, null)).isFalse();
        assertThat(ecdsa.verifyHex("not a pem", MESSAGE, good)).isFalse();
        assertThat(ecdsa.verifyHex((String) null, MESSAGE, good)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void keysOfOtherCurvesDoNotVerify(Ecdsa ecdsa) throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        var pair = p384.generateKeyPair();
        java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(MESSAGE);
        byte[] signature = signer.sign();
        assertThat(ecdsa.verify(pair.getPublic(), MESSAGE, signature)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void highSIsAcceptedAsOpenSslDoes(Ecdsa ecdsa) throws Exception {
        // ECDSA signatures are malleable: (r, n - s) is valid too; OpenSSL and the original accept it, so do we.
        EcKeyPair pair = EcKeyPair.generate(new SecureRandom());
        Der.Reader seq = new Der.Reader(ecdsa.sign(pair.privateKey(), MESSAGE)).enter(Der.SEQUENCE);
        BigInteger r = seq.readNonNegativeInteger();
        BigInteger s = seq.readNonNegativeInteger();
        byte[] flipped = Der.sequence(Der.integer(r), Der.integer(P256.N.subtract(s)));
        assertThat(ecdsa.verify(pair.publicKey(), MESSAGE, flipped)).isTrue();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] pad(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] padded = new byte[raw.length + 1];
        System.arraycopy(raw, 0, padded, 1, raw.length);
        return padded;
    }
}
