package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.nymdir.testing.Fixtures;

class EncryptedPkcs8Test {
    private static final JsonNode VECTORS = Fixtures.pythonInterop().get("encrypted_pkcs8");

    @Test
    void readsWhatPythonAndOpenSslWrite() throws Exception {
        // Python's BestAvailableEncryption (ASCII and non-ASCII passphrase) and
        // openssl -v2prf hmacWithSHA1 aes-128-cbc.
        for (JsonNode v : VECTORS) {
            EcKeyPair pair = PemKeys.parsePrivateKey(v.get("pem").asText(), v.get("passphrase").asText().toCharArray());
            assertThat(PemKeys.privateKeyPem(pair)).isEqualTo(v.get("private_key_pem").asText());
            assertThat(pair.publicKeyPem()).isEqualTo(v.get("public_key_pem").asText());
        }
    }

    @Test
    void roundTripsWithTheSchemePythonWrites() throws Exception {
        EcKeyPair pair = EcKeyPair.generate(new SecureRandom());
        char[] passphrase = "pässwörd ☃".toCharArray();
        String pem = EncryptedPkcs8.encryptToPem(pair, passphrase, 1000, new SecureRandom());
        assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
                .endsWith("-----END ENCRYPTED PRIVATE KEY-----\n");
        EcKeyPair back = PemKeys.parsePrivateKey(pem, passphrase);
        assertThat(back.privateKey().getS()).isEqualTo(pair.privateKey().getS());
        assertThat(back.publicKey().getW()).isEqualTo(pair.publicKey().getW());
    }

    @Test
    void writesPythonsAlgorithmIdentifiers() throws Exception {
        String pem = EncryptedPkcs8.encryptToPem(EcKeyPair.generate(new SecureRandom()), "pw".toCharArray(), 2048,
                new SecureRandom());
        byte[] der = Pem.decodeFirst(pem, "ENCRYPTED PRIVATE KEY").der();
        Der.Reader info = new Der.Reader(der).enter(Der.SEQUENCE);
        Der.Reader algorithm = info.enter(Der.SEQUENCE);
        algorithm.expectOid(Oids.PBES2, "PBES2");
        Der.Reader pbes2 = algorithm.enter(Der.SEQUENCE);
        Der.Reader kdf = pbes2.enter(Der.SEQUENCE);
        kdf.expectOid(Oids.PBKDF2, "PBKDF2");
        Der.Reader kdfParams = kdf.enter(Der.SEQUENCE);
        assertThat(kdfParams.read(Der.OCTET_STRING)).hasSize(16);
        assertThat(kdfParams.readSmallInteger(Integer.MAX_VALUE)).isEqualTo(2048);
        Der.Reader prf = kdfParams.enter(Der.SEQUENCE);
        prf.expectOid(Oids.HMAC_SHA256, "hmacWithSHA256");
        prf.expectNull();
        Der.Reader cipher = pbes2.enter(Der.SEQUENCE);
        cipher.expectOid(Oids.AES256_CBC, "aes256-CBC");
        assertThat(cipher.read(Der.OCTET_STRING)).hasSize(16);
    }

    @Test
    void wrongPassphraseSaysSo() {
        JsonNode v = VECTORS.get(0);
        assertThatThrownBy(() -> PemKeys.parsePrivateKey(v.get("pem").asText(), "wrong".toCharArray()))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("wrong passphrase");
    }

    @Test
    void refusesEmptyPassphraseAndAbsurdIterations() {
        EcKeyPair pair = EcKeyPair.generate(new SecureRandom());
        assertThatThrownBy(() -> EncryptedPkcs8.encryptToPem(pair, new char[0], new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EncryptedPkcs8.encryptToPem(pair, "pw".toCharArray(), 0, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesHostileParameters() {
        byte[] algorithm = Der.sequence(Der.oid(Oids.PBES2), Der.sequence(
                Der.sequence(Der.oid(Oids.PBKDF2), Der.sequence(Der.octetString(new byte[16]),
                        Der.integer(EncryptedPkcs8.MAX_ITERATIONS + 1L))),
                Der.sequence(Der.oid(Oids.AES256_CBC), Der.octetString(new byte[16]))));
        String tooSlow = Pem.encode("ENCRYPTED PRIVATE KEY", Der.sequence(algorithm, Der.octetString(new byte[32])));
        assertThatThrownBy(() -> PemKeys.parsePrivateKey(tooSlow, "pw".toCharArray()))
                .isInstanceOf(InvalidKeyMaterialException.class);

        byte[] emptySalt = Der.sequence(Der.oid(Oids.PBES2), Der.sequence(
                Der.sequence(Der.oid(Oids.PBKDF2), Der.sequence(Der.octetString(new byte[0]), Der.integer(10))),
                Der.sequence(Der.oid(Oids.AES256_CBC), Der.octetString(new byte[16]))));
        String noSalt = Pem.encode("ENCRYPTED PRIVATE KEY", Der.sequence(emptySalt, Der.octetString(new byte[32])));
        assertThatThrownBy(() -> PemKeys.parsePrivateKey(noSalt, "pw".toCharArray()))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }
}
