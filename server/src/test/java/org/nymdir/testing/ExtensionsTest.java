package org.nymdir.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nymdir.app.LocalDirectory;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;

/**
 * The extensions' life, driven through their callbacks as JUnit calls them: per test (instance field) or per
 * class (static field), what runs stops and its folder is gone afterwards, and nothing starts before a test
 * asks for it.
 */
class ExtensionsTest {
    @Test
    void aMixnetPerTestStopsAndLeavesNothingAfterTheTest() throws Exception {
        LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
        assertThatThrownBy(mixnet::sim).hasMessageContaining("@RegisterExtension");
        mixnet.beforeEach(null);
        LocalMixnet sim = mixnet.sim();
        assertThat(mixnet.sim()).isSameAs(sim);
        Path state = mixnet.stateDir();
        assertThat(state).isDirectory();
        assertThatThrownBy(() -> mixnet.start(b -> b)).hasMessageContaining("runs already");
        new WsPeerCheck(sim).reachable();
        mixnet.afterEach(null);
        new WsPeerCheck(sim).refused();
        assertThat(state).doesNotExist();
    }

    @Test
    void aMixnetPerClassOutlivesEachTestAndRestartsWithItsAddresses() throws Exception {
        LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
        mixnet.beforeAll(null);
        mixnet.beforeEach(null);
        LocalMixnet sim = mixnet.start(b -> b.simpleSurbs(true));
        NymAddress service = sim.serviceAddress();
        mixnet.afterEach(null);
        mixnet.beforeEach(null);
        assertThat(mixnet.sim()).as("the same mixnet for the next test").isSameAs(sim);
        LocalMixnet again = mixnet.restart();
        assertThat(again).isNotSameAs(sim);
        assertThat(again.serviceAddress()).isEqualTo(service);
        assertThat(again.config().simpleSurbs()).as("restarted as it was").isTrue();
        new WsPeerCheck(sim).refused();
        mixnet.afterEach(null);
        Path state = mixnet.stateDir();
        mixnet.afterAll(null);
        new WsPeerCheck(again).refused();
        assertThat(state).doesNotExist();
    }

    @Test
    void aDirectoryStartsAtFirstUseAndItsPeersCloseAfterEachTest() throws Exception {
        LocalDirectoryExtension env = LocalDirectoryExtension.builder().build();
        env.beforeAll(null);
        env.beforeEach(null);
        Path root = env.files().root();
        assertThat(root).isEmptyDirectory(); // nothing started yet: a test may lay files here first
        TestUser alice = TestUser.named("alice");
        ChatPeer peer = env.peer("alice");
        peer.register(alice);
        LocalDirectory local = env.local();
        assertThat(env.files().database()).isRegularFile();
        env.afterEach(null);
        Await.until("the test's peer is closed", peer::isClosed);
        env.beforeEach(null);
        assertThat(env.local()).as("the same directory for the next test").isSameAs(local);
        env.peer("alice").login(alice);
        env.afterEach(null);
        env.afterAll(null);
        assertThat(local.directoryRuns()).isFalse();
        new WsPeerCheck(local.sim()).refused();
        assertThat(Files.exists(root)).isFalse();
    }

    /** Whether the mixnet still takes connections. */
    private record WsPeerCheck(LocalMixnet sim) {
        void reachable() {
            try (WsPeer peer = WsPeer.connect(sim.clientsUrl())) {
                assertThat(peer.isClosed()).isFalse();
            }
        }

        void refused() {
            WsPeer.connectFailure(sim.clientsUrl());
        }
    }
}
