package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nymdir.testing.Fixtures;

class PemKeysTest {
    private static final JsonNode E2E = Fixtures.nymchat().get("e2e_message");
    private static final String PUBLIC_PEM = E2E.get("sender_public_key_pem").asText();
    private static final String PRIVATE_PEM = E2E.get("sender_private_key_pem").asText();
    private static final String B64 = PUBLIC_PEM.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");

    @Test
    void publicKeyRoundTripsToPythonsExactText() throws Exception {
        for (String field : new String[] {"sender_public_key_pem", "recipient_public_key_pem"}) {
            String pem = E2E.get(field).asText();
            assertThat(PemKeys.publicKeyPem(PemKeys.parsePublicKey(pem))).isEqualTo(pem);
        }
    }

    @Test
    void privateKeyRoundTripsToPythonsExactTextWithItsPublicKey() throws Exception {
        EcKeyPair pair = PemKeys.parsePrivateKey(PRIVATE_PEM);
        assertThat(PemKeys.privateKeyPem(pair)).isEqualTo(PRIVATE_PEM);
        assertThat(pair.publicKeyPem()).isEqualTo(PUBLIC_PEM);
        assertThat(pair.toString()).doesNotContain(pair.privateKey().getS().toString(16));
    }

    @Test
    void generatedKeysWriteLikePython() throws Exception {
        EcKeyPair pair = EcKeyPair.generate(new SecureRandom());
        String pem = PemKeys.privateKeyPem(pair);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----")).limit(2)).allMatch(l -> l.length() == 64);
        EcKeyPair back = PemKeys.parsePrivateKey(pem);
        assertThat(back.privateKey().getS()).isEqualTo(pair.privateKey().getS());
        assertThat(back.publicKey().getW()).isEqualTo(pair.publicKey().getW());
        assertThat(pair.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE");
    }

    static Stream<Arguments> tolerated() {
        String body64 = B64.substring(0, 64) + "\n" + B64.substring(64);
        return Stream.of(
                Arguments.of("CRLF", PUBLIC_PEM.replace("\n", "\r\n")),
                Arguments.of("CR only", PUBLIC_PEM.replace("\n", "\r")),
                Arguments.of("no final newline", PUBLIC_PEM.strip()),
                Arguments.of("text before", "hello world\n" + PUBLIC_PEM),
                Arguments.of("text before on the same line", "junk" + PUBLIC_PEM),
                Arguments.of("text after", PUBLIC_PEM + "trailing junk\n"),
                Arguments.of("whitespace before", "  \n\t" + PUBLIC_PEM),
                Arguments.of("one long line", "-----BEGIN PUBLIC KEY-----\n" + B64 + "\n-----END PUBLIC KEY-----\n"),
                Arguments.of("all on one line", "-----BEGIN PUBLIC KEY-----" + B64 + "-----END PUBLIC KEY-----"),
                Arguments.of("spaces inside", "-----BEGIN PUBLIC KEY-----\n" + B64.replaceAll("(.{10})", "$1 ")
                        + "\n-----END PUBLIC KEY-----\n"),
                Arguments.of("tabs, VT, FF inside", "-----BEGIN PUBLIC KEY-----\n" + B64.substring(0, 10) + "\t\u000b\f"
                        + B64.substring(10) + "\n-----END PUBLIC KEY-----\n"),
                Arguments.of("indented", "-----BEGIN PUBLIC KEY-----\n   " + body64.replace("\n", "\n   ")
                        + "\n-----END PUBLIC KEY-----\n"),
                Arguments.of("header line", "-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\n\n" + B64
                        + "\n-----END PUBLIC KEY-----\n"),
                Arguments.of("second block ignored", PUBLIC_PEM + "-----BEGIN FOO-----\n!!!\n-----END FOO-----\n"),
                Arguments.of("non-ASCII before", "é\n" + PUBLIC_PEM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tolerated")
    void acceptsWhatPythonAccepts(String name, String pem) throws Exception {
        assertThat(PemKeys.publicKeyPem(PemKeys.parsePublicKey(pem))).isEqualTo(PUBLIC_PEM);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("no padding",
                        "-----BEGIN PUBLIC KEY-----\n" + B64.replace("=", "") + "\n-----END PUBLIC KEY-----\n"),
                Arguments.of("extra padding", "-----BEGIN PUBLIC KEY-----\n" + B64 + "==\n-----END PUBLIC KEY-----\n"),
                Arguments.of("label mismatch", "-----BEGIN PUBLIC KEY-----\n" + B64 + "\n-----END PRIVATE KEY-----\n"),
                Arguments.of("lower-case label", PUBLIC_PEM.replace("PUBLIC KEY", "public key")),
                Arguments.of("other block first", "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n" + PUBLIC_PEM),
                Arguments.of("bad character", "-----BEGIN PUBLIC KEY-----\n" + B64.substring(0, 10) + "!"
                        + B64.substring(10) + "\n-----END PUBLIC KEY-----\n"),
                Arguments.of("EC PUBLIC KEY label", PUBLIC_PEM.replace("PUBLIC KEY", "EC PUBLIC KEY")),
                Arguments.of("RSA PUBLIC KEY label", PUBLIC_PEM.replace("PUBLIC KEY", "RSA PUBLIC KEY")),
                Arguments.of("a private key", PRIVATE_PEM),
                Arguments.of("no END", PUBLIC_PEM.substring(0, 100)),
                Arguments.of("no BEGIN", B64),
                Arguments.of("empty body", "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"),
                Arguments.of("empty", ""),
                Arguments.of("too long", " ".repeat(Pem.MAX_CHARS) + PUBLIC_PEM),
                Arguments.of("non-canonical base64 bits", "-----BEGIN PUBLIC KEY-----\n"
                        + B64.substring(0, B64.length() - 3) + "rQ==\n-----END PUBLIC KEY-----\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWhatPythonRefuses(String name, String pem) {
        assertThatThrownBy(() -> PemKeys.parsePublicKey(pem)).isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void nullIsATypedFailure() {
        assertThatThrownBy(() -> PemKeys.parsePublicKey(null)).isInstanceOf(InvalidKeyMaterialException.class);
    }

    // ---- the point inside ----

    private static final String SPKI_PREFIX = "301306072a8648ce3d020106082a8648ce3d030107";

    private static String pemOf(byte[] der) {
        return Pem.encode("PUBLIC KEY", der);
    }

    private static byte[] spki(byte[] point) {
        return Der.sequence(HexFormat.of().parseHex(SPKI_PREFIX), Der.bitString(point));
    }

    private static byte[] uncompressed() throws Exception {
        return P256.encodeUncompressed(PemKeys.parsePublicKey(PUBLIC_PEM).getW());
    }

    @Test
    void compressedAndHybridPointsAreAcceptedLikeOpenSsl() throws Exception {
        byte[] u = uncompressed();
        boolean odd = (u[64] & 1) == 1;
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (odd ? 3 : 2);
        System.arraycopy(u, 1, compressed, 1, 32);
        byte[] hybrid = u.clone();
        hybrid[0] = (byte) (odd ? 7 : 6);
        assertThat(PemKeys.publicKeyPem(PemKeys.parsePublicKey(pemOf(spki(compressed))))).isEqualTo(PUBLIC_PEM);
        assertThat(PemKeys.publicKeyPem(PemKeys.parsePublicKey(pemOf(spki(hybrid))))).isEqualTo(PUBLIC_PEM);
        hybrid[0] = (byte) (odd ? 6 : 7);
        assertThatThrownBy(() -> PemKeys.parsePublicKey(pemOf(spki(hybrid))))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void pointsOffTheCurveAreRefused() throws Exception {
        byte[] offCurve = uncompressed();
        offCurve[64] ^= 1;
        byte[] xTooBig = new byte[65];
        java.util.Arrays.fill(xTooBig, (byte) 0xff);
        xTooBig[0] = 4;
        for (byte[] point : new byte[][] {offCurve, xTooBig, {0}, {4}, new byte[66]}) {
            assertThatThrownBy(() -> PemKeys.parsePublicKey(pemOf(spki(point))))
                    .isInstanceOf(InvalidKeyMaterialException.class);
        }
    }

    @Test
    void malformedDerIsRefused() throws Exception {
        byte[] good = Base64.getDecoder().decode(B64);
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        byte[] unusedBits = good.clone();
        unusedBits[good.length - 66] = 1; // the BIT STRING's unused-bits byte
        byte[] longForm = new byte[good.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        System.arraycopy(good, 1, longForm, 2, good.length - 1);
        for (byte[] der : new byte[][] {trailing, unusedBits, longForm, {}, {0x30}, {0x30, (byte) 0x80}}) {
            assertThatThrownBy(() -> PemKeys.parsePublicKey(pemOf(der)))
                    .isInstanceOf(InvalidKeyMaterialException.class);
        }
    }

    @Test
    void otherCurvesAndAlgorithmsAreRefused() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        byte[] p384Der = p384.generateKeyPair().getPublic().getEncoded();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] rsaDer = rsa.generateKeyPair().getPublic().getEncoded();
        assertThatThrownBy(() -> PemKeys.parsePublicKey(pemOf(p384Der)))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("P-256");
        assertThatThrownBy(() -> PemKeys.parsePublicKey(pemOf(rsaDer)))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("not an EC key");
    }

    // ---- private key variants ----

    @Test
    void readsSec1EcPrivateKey() throws Exception {
        JsonNode sec1 = Fixtures.pythonInterop().get("sec1_private_key");
        assertThat(PemKeys.parsePrivateKey(sec1.get("pem").asText()).publicKeyPem())
                .isEqualTo(sec1.get("public_key_pem").asText());
    }

    @Test
    void derivesThePublicKeyWhenTheFileHasNone() throws Exception {
        // The JDK's own PKCS#8 encoding leaves the public key out.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        for (int i = 0; i < 8; i++) { // both parities of y, most likely
            var pair = generator.generateKeyPair();
            String pem = Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded());
            EcKeyPair parsed = PemKeys.parsePrivateKey(pem);
            assertThat(parsed.publicKey().getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
        }
    }

    @Test
    void refusesAPrivateKeyWhoseEmbeddedPublicKeyIsAnotherOne() throws Exception {
        EcKeyPair a = EcKeyPair.generate(new SecureRandom());
        EcKeyPair b = EcKeyPair.generate(new SecureRandom());
        String mixed = Pem.encode("PRIVATE KEY", PemKeys.pkcs8(new EcKeyPair(a.privateKey(), b.publicKey())));
        assertThatThrownBy(() -> PemKeys.parsePrivateKey(mixed))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("does not match");
    }

    @Test
    void refusesOutOfRangeScalars() throws Exception {
        EcKeyPair pair = EcKeyPair.generate(new SecureRandom());
        for (BigInteger s : new BigInteger[] {BigInteger.ZERO, P256.N}) {
            byte[] sec1 = Der.sequence(Der.integer(1), Der.octetString(P256.toFixed(s)));
            byte[] pkcs8 = Der.sequence(Der.integer(0),
                    Der.sequence(Der.oid(Oids.EC_PUBLIC_KEY), Der.oid(Oids.PRIME256V1)), Der.octetString(sec1));
            assertThatThrownBy(() -> PemKeys.parsePrivateKey(Pem.encode("PRIVATE KEY", pkcs8)))
                    .isInstanceOf(InvalidKeyMaterialException.class);
        }
        assertThat(pair.privateKey()).isInstanceOf(ECPrivateKey.class);
    }

    @Test
    void anEncryptedKeyNeedsItsPassphrase() {
        String encrypted = Fixtures.pythonInterop().get("encrypted_pkcs8").get(0).get("pem").asText();
        assertThatThrownBy(() -> PemKeys.parsePrivateKey(encrypted))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("passphrase");
    }
}
