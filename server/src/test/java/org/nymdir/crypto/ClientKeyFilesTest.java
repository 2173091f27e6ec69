package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.testing.Fixtures;

/** A user's key files laid out as the nymCHAT client lays them out, plain or under a passphrase. */
class ClientKeyFilesTest {
    private static final JsonNode E2E = Fixtures.nymchat().get("e2e_message");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void readsTheOriginalClientsFiles() throws Exception {
        Files.createDirectories(dir.resolve("bob"));
        Files.writeString(dir.resolve("bob/bob_private_key.pem"), E2E.get("recipient_private_key_pem").asText());
        Files.writeString(dir.resolve("bob/bob_public_key.pem"), E2E.get("recipient_public_key_pem").asText());
        EcKeyPair pair = ClientKeyFiles.load(dir, "bob", null);
        assertThat(pair.publicKeyPem()).isEqualTo(E2E.get("recipient_public_key_pem").asText());
    }

    @Test
    void writesWhatPythonWritesOwnerOnly() throws Exception {
        EcKeyPair pair = EcKeyPair.generate(RANDOM);
        ClientKeyFiles.save(dir, "alice", pair, null, RANDOM);
        Path privateKey = dir.resolve("alice/alice_private_key.pem");
        assertThat(ClientKeyFiles.privateKeyPath(dir, "alice")).isEqualTo(privateKey);
        assertThat(Files.readString(privateKey)).isEqualTo(PemKeys.privateKeyPem(pair))
                .startsWith("-----BEGIN PRIVATE KEY");
        assertThat(Files.readString(dir.resolve("alice/alice_public_key.pem"))).isEqualTo(pair.publicKeyPem());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey.getParent())))
                .isEqualTo("rwx------");
        assertThat(ClientKeyFiles.load(dir, "alice", null).publicKey().getW()).isEqualTo(pair.publicKey().getW());
    }

    @Test
    void aPassphraseEncryptsThePrivateKey() throws Exception {
        EcKeyPair pair = EcKeyPair.generate(RANDOM);
        ClientKeyFiles.save(dir, "carol", pair, "s3cret".toCharArray(), RANDOM);
        assertThat(Files.readString(dir.resolve("carol/carol_private_key.pem")))
                .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY");
        assertThatThrownBy(() -> ClientKeyFiles.load(dir, "carol", null))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("passphrase");
        assertThatThrownBy(() -> ClientKeyFiles.load(dir, "carol", "wrong".toCharArray()))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("wrong passphrase");
        assertThat(ClientKeyFiles.load(dir, "carol", "s3cret".toCharArray()).publicKey().getW())
                .isEqualTo(pair.publicKey().getW());
    }

    @Test
    void neverOverwritesAKey() throws Exception {
        EcKeyPair first = EcKeyPair.generate(RANDOM);
        ClientKeyFiles.save(dir, "alice", first, null, RANDOM);
        assertThatThrownBy(() -> ClientKeyFiles.save(dir, "alice", EcKeyPair.generate(RANDOM), null, RANDOM))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(ClientKeyFiles.load(dir, "alice", null).publicKey().getW()).isEqualTo(first.publicKey().getW());
    }

    @Test
    void mixedUpFilesAndMissingOnesAreReported() throws Exception {
        ClientKeyFiles.save(dir, "alice", EcKeyPair.generate(RANDOM), null, RANDOM);
        Files.writeString(dir.resolve("alice/alice_public_key.pem"), EcKeyPair.generate(RANDOM).publicKeyPem());
        assertThatThrownBy(() -> ClientKeyFiles.load(dir, "alice", null))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> ClientKeyFiles.load(dir, "nobody", null)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void namesCannotClimbOutOfTheFolder() {
        for (String bad : new String[] {"..", "../x", "a/b", "", "a b", null}) {
            assertThatThrownBy(() -> ClientKeyFiles.privateKeyPath(dir, bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void deleteRemovesTheFilesAndTheEmptyFolder() throws Exception {
        ClientKeyFiles.save(dir, "alice", EcKeyPair.generate(RANDOM), null, RANDOM);
        ClientKeyFiles.delete(dir, "alice");
        assertThat(dir.resolve("alice")).doesNotExist();
        ClientKeyFiles.delete(dir, "alice"); // twice is fine
    }
}
