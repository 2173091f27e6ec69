package org.nymdir.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.addressing.NymAddress;

/** Known peers survive a restart when kept in a file, and the file is the owner's alone. */
class PeersTest {
    @TempDir
    Path dir;

    @Test
    void keptInAFileAcrossRuns() throws Exception {
        Path file = dir.resolve("alice/peers.json");
        NymAddress address = DirectoryExchangeTest.randomAddress();
        Peers first = Peers.open(file);
        first.rememberKey("bob", "PEM");
        first.rememberAddress("bob", address);
        first.markIntroduced("bob");
        first.rememberKey("carol", "PEM2");

        Peers again = Peers.open(file);
        assertThat(again.get("bob")).contains(new Peer("bob", "PEM", address, true));
        assertThat(again.get("carol")).contains(new Peer("carol", "PEM2", null, false));
        assertThat(again.all()).hasSize(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void entriesThatDoNotParseAreSkipped() throws Exception {
        Path file = dir.resolve("peers.json");
        Files.writeString(file, "{\"../x\": {}, \"bob\": {\"publicKey\": \"PEM\", \"address\": \"nonsense\"}, \"c\": 5}");
        assertThat(Peers.open(file).all()).containsExactly(new Peer("bob", "PEM", null, false));
    }

    @Test
    void inMemoryWritesNothing() {
        Peers peers = Peers.inMemory();
        peers.rememberKey("bob", "PEM");
        assertThat(peers.get("bob")).isPresent();
        assertThat(peers.get("carol")).isEmpty();
    }
}
