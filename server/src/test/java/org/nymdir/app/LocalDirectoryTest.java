package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.crypto.PemKeys;
import org.nymdir.directory.ChallengePolicy;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestClock;
import org.nymdir.testing.TestUser;

/** The harness itself: the original's layout, a directory that stops and starts on it, settings and a clock. */
class LocalDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void runsInTheOriginalsLayoutAndRestartsOnTheSameFiles() throws Exception {
        try (LocalDirectory local = LocalDirectory.builder(dir).start()) {
            DirectoryFiles files = new DirectoryFiles(dir);
            assertThat(local.files()).isEqualTo(files);
            NymAddress address = local.address();
            ECPublicKey key = local.publicKey();
            assertThat(address).isEqualTo(local.sim().serviceAddress());
            assertThat(files.database()).isRegularFile();
            assertThat(Files.readString(files.addressFile())).as("published when start returns")
                    .isEqualTo(address.text());
            assertThat(PemKeys.parsePublicKey(Files.readString(files.publicKeyFile()))).isEqualTo(key);
            assertThat(Files.getPosixFilePermissions(files.secret()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String secret = Files.readString(files.secret());

            local.stopDirectory();
            assertThat(local.directoryRuns()).isFalse();
            assertThatThrownBy(local::directory).isInstanceOf(IllegalStateException.class);
            Files.delete(files.addressFile());

            local.startDirectory();
            assertThat(local.address()).isEqualTo(address);
            assertThat(local.publicKey()).as("the same key, from the same files").isEqualTo(key);
            assertThat(Files.readString(files.addressFile())).isEqualTo(address.text());
            assertThat(Files.readString(files.secret())).as("an existing secret is kept").isEqualTo(secret);
            assertThatThrownBy(local::startDirectory).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void startsTheMixnetFirstAndTheDirectoryWhenAsked() throws Exception {
        try (LocalDirectory local = LocalDirectory.builder(dir).startMixnet()) {
            assertThat(local.directoryRuns()).isFalse();
            assertThatThrownBy(local::address).hasMessageContaining("not started");
            assertThat(new DirectoryFiles(dir).database()).doesNotExist();
            local.startDirectory();
            assertThat(local.directoryRuns()).isTrue();
            assertThat(local.clientConfig().directory()).isEqualTo(local.sim().serviceAddress());
        }
    }

    @Test
    void settingsReachTheDirectoryAndTheLayoutStaysTheHarnesss() throws Exception {
        try (LocalDirectory local = LocalDirectory.builder(dir)
                .settings(Map.of("NYMDIR_MAX_REQUEST_BYTES", "4096", "DATABASE_PATH", dir.resolve("x.db").toString()))
                .startMixnet()) {
            assertThat(local.serveConfig().maxRequestBytes()).isEqualTo(4096);
            assertThat(local.serveConfig().databasePath()).isEqualTo(new DirectoryFiles(dir).database());
            assertThat(local.serveConfig().websocketUrl()).isEqualTo(local.sim().serviceUrl());
        }
    }

    @Test
    void theDirectoryReadsTimeFromTheGivenClock() throws Exception {
        TestClock clock = TestClock.atEpochDay();
        TestUser alice = TestUser.named("alice");
        try (LocalDirectory local = LocalDirectory.builder(dir).clock(clock).start();
             ChatPeer peer = ChatPeer.connect(local.sim().clientUrl("alice"), local.address(),
                     local.directory().publicKeyPem())) {
            JsonNode challenge = peer.call(Requests.register(alice.name(), alice.publicKeyPem()));
            String nonce = ChatPeer.parse(challenge.get("content").textValue()).get("nonce").textValue();
            clock.advance(ChallengePolicy.DEFAULT_TTL); // on the test's clock only: no time passes
            JsonNode answer = peer.call(Requests.registrationResponse(alice.name(), alice.sign(nonce)));
            assertThat(answer.get("content").textValue()).as("the challenge expired on the directory's clock")
                    .isEqualTo("error: no pending registration for sender");
        }
    }
}
