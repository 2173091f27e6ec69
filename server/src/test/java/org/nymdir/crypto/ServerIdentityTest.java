package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.testing.Fixtures;

class ServerIdentityTest {
    private static final Ecdsa ECDSA = new Ecdsa(EcdsaProvider.jdk());
    private static final JsonNode E2E = Fixtures.nymchat().get("e2e_message");

    @TempDir
    Path dir;

    private ServerIdentity load(Path keys, Path secret) throws Exception {
        return ServerIdentity.loadOrCreate(keys, "nym-directory", secret, ECDSA, new SecureRandom());
    }

    @Test
    void createsEverythingOnFirstStartAndReloadsTheSameKey() throws Exception {
        Path keys = dir.resolve("storage/keys");
        Path secret = dir.resolve("secrets/encryption_password");

        ServerIdentity first = load(keys, secret);
        assertThat(first.report().secretCreated()).isTrue();
        assertThat(first.report().keyCreated()).isTrue();
        assertThat(first.report().worldReadable()).isEmpty();
        assertThat(permissions(secret)).isEqualTo("rw-------");
        assertThat(permissions(first.privateKeyPath())).isEqualTo("rw-------");
        assertThat(first.privateKeyPath()).isEqualTo(keys.resolve("nym-directory_private_key.enc"));
        assertThat(Files.readString(first.publicKeyPath())).isEqualTo(first.publicKeyPem());
        assertThat(SecretFile.read(secret)).hasSize(43);

        ServerIdentity second = load(keys, secret);
        assertThat(second.report()).isEqualTo(new ServerIdentity.Report(false, false, false, java.util.List.of()));
        assertThat(second.publicKeyPem()).isEqualTo(first.publicKeyPem());

        byte[] reply = "success".getBytes(StandardCharsets.UTF_8);
        String signature = second.signHex(reply);
        assertThat(signature).matches("[0-9a-f]+");
        assertThat(ECDSA.verifyHex(first.publicKeyPem(), reply, signature)).isTrue();
        assertThat(second.toString()).doesNotContain("BEGIN");
    }

    @Test
    void loadsAKeyFileMadeTheOriginalsWay() throws Exception {
        // The original's steps, done independently here: PBKDF2-HMAC-SHA256(password, salt, 100,000, 32),
        // AES-256-GCM over the PKCS#8 PEM, file = base64(salt | iv | tag | ciphertext).
        String password = "hunter2 ünïcode";
        byte[] salt = new byte[16];
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(salt);
        new SecureRandom().nextBytes(iv);
        byte[] aesKey = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 100_000, 256)).getEncoded();
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(128, iv));
        byte[] out = gcm.doFinal(E2E.get("sender_private_key_pem").asText().getBytes(StandardCharsets.US_ASCII));
        int n = out.length - 16;
        byte[] file = new byte[16 + 12 + 16 + n];
        System.arraycopy(salt, 0, file, 0, 16);
        System.arraycopy(iv, 0, file, 16, 12);
        System.arraycopy(out, n, file, 28, 16);
        System.arraycopy(out, 0, file, 44, n);

        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("nym-directory_private_key.enc"), Base64.getEncoder().encodeToString(file));
        Files.writeString(keys.resolve("nym-directory_public_key.pem"), E2E.get("sender_public_key_pem").asText());
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "\n" + password + "  \n", StandardCharsets.UTF_8);

        ServerIdentity identity = load(keys, secret);
        assertThat(identity.publicKeyPem()).isEqualTo(E2E.get("sender_public_key_pem").asText());
        assertThat(identity.report().keyCreated()).isFalse();
        assertThat(identity.report().publicKeyRewritten()).isFalse();
    }

    @Test
    void loadsAKeyFileMadeByPythonWithTheOriginalsCode() throws Exception {
        JsonNode original = Fixtures.pythonInterop().get("original_server_key");
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("nym-directory_private_key.enc"), original.get("private_key_enc").asText());
        Path secret = dir.resolve("secret");
        // "  server secret ä\r\n": Python reads it in text mode and strips.
        Files.writeString(secret, original.get("secret_file").asText(), StandardCharsets.UTF_8);

        ServerIdentity identity = load(keys, secret);
        assertThat(identity.publicKeyPem()).isEqualTo(original.get("public_key_pem").asText());
        assertThat(identity.report().publicKeyRewritten()).isTrue(); // there was no public key file
        assertThat(Files.readString(identity.publicKeyPath())).isEqualTo(original.get("public_key_pem").asText());
    }

    @Test
    void wrongPasswordIsAClearError() throws Exception {
        Path keys = dir.resolve("keys");
        Path secret = dir.resolve("secret");
        load(keys, secret);
        Files.writeString(secret, "another password\n");
        assertThatThrownBy(() -> load(keys, secret))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageContaining("wrong password in " + secret)
                .hasMessageContaining("nym-directory_private_key.enc");
    }

    @Test
    void aLostSecretFileIsExplainedNotPapered() throws Exception {
        Path keys = dir.resolve("keys");
        Path secret = dir.resolve("secret");
        load(keys, secret);
        Files.delete(secret);
        assertThatThrownBy(() -> load(keys, secret))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageContaining("was missing and has just been created");
    }

    @Test
    void reportsWorldReadableSecrets() throws Exception {
        Path keys = dir.resolve("keys");
        Path secret = dir.resolve("secret");
        ServerIdentity created = load(keys, secret);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(created.privateKeyPath(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(load(keys, secret).report().worldReadable()).containsExactly(secret, created.privateKeyPath());
    }

    @Test
    void rewritesAPublicKeyFileThatDoesNotMatch() throws Exception {
        Path keys = dir.resolve("keys");
        Path secret = dir.resolve("secret");
        ServerIdentity created = load(keys, secret);
        Files.writeString(created.publicKeyPath(), E2E.get("recipient_public_key_pem").asText());
        ServerIdentity reloaded = load(keys, secret);
        assertThat(reloaded.report().publicKeyRewritten()).isTrue();
        assertThat(Files.readString(reloaded.publicKeyPath())).isEqualTo(created.publicKeyPem());
        assertThat(permissions(reloaded.publicKeyPath())).isEqualTo("rw-r--r--");
    }

    @Test
    void refusesClientIdsThatAreNotFileNames() {
        for (String id : new String[] {"../etc", "a/b", "", ".", "..", "x y"}) {
            assertThatThrownBy(() -> ServerIdentity.loadOrCreate(dir, id, dir.resolve("s"), ECDSA, new SecureRandom()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readsTheSecretAsPythonDoes() throws Exception {
        Path secret = dir.resolve("s");
        Files.writeString(secret, "\u00a0\u3000 pass\r\nword \u2003\n\u001c", StandardCharsets.UTF_8);
        assertThat(SecretFile.read(secret)).isEqualTo("pass\nword");
        Files.write(secret, new byte[] {(byte) 0xff, 'a'});
        assertThatThrownBy(() -> SecretFile.read(secret)).isInstanceOf(InvalidKeyMaterialException.class);
        Files.writeString(secret, " \n");
        assertThatThrownBy(() -> SecretFile.read(secret)).isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void damagedKeyFilesAreTypedFailures() throws Exception {
        Path keys = dir.resolve("keys");
        Path secret = dir.resolve("secret");
        ServerIdentity created = load(keys, secret);
        for (String content : new String[] {"", "AAAA", "not base64 at all ü",
            "A".repeat(LegacyKeyFile.MAX_FILE_CHARS + 4)}) {
            Files.writeString(created.privateKeyPath(), content, StandardCharsets.UTF_8);
            assertThatThrownBy(() -> load(keys, secret)).isInstanceOf(InvalidKeyMaterialException.class);
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
