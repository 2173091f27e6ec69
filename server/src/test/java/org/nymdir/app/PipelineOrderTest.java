package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nymdir.app.metrics.DirectoryMeters;
import org.nymdir.app.metrics.RequestMetrics;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.dialect.v1.V1Dialect;
import org.nymdir.directory.Directory;
import org.nymdir.directory.DirectoryConfig;
import org.nymdir.directory.EcdsaVerifier;
import org.nymdir.directory.Stores;
import org.nymdir.mixnet.Inbound;
import org.nymdir.mixnet.MixnetLink;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.store.UserRecord;
import org.nymdir.store.memory.InMemoryMailbox;
import org.nymdir.store.memory.InMemoryPresence;
import org.nymdir.store.memory.InMemoryUserStore;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestClock;
import org.nymdir.testing.TestUser;

/** What the pipeline hands the link, in which order. */
class PipelineOrderTest {
    private static final String TAG_A = "zXExeyvPEHUk9rjXTu78T";
    private static final String TAG_B = "6CzGHguLGCk1f416kwDZB7";

    /** Records every reply in the order the pipeline queued it. */
    private static final class RecordingLink implements MixnetLink {
        final List<String> to = new ArrayList<>();

        private synchronized CompletableFuture<Void> record(SenderTag tag, String message) {
            to.add(tag.base58() + " " + message.substring(0, message.indexOf(',')));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> reply(SenderTag tag, String message) {
            return record(tag, message);
        }

        @Override
        public CompletableFuture<Void> replyConfirmed(SenderTag tag, String message) {
            return record(tag, message);
        }

        @Override
        public void start(Consumer<Inbound> inbound) {
        }

        @Override
        public NymAddress awaitSelfAddress(Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> sendAnonymous(NymAddress recipient, String message, int replySurbs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> send(NymAddress recipient, String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public long connections() {
            return 1;
        }

        @Override
        public int queuedOutbound() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theSendersReplyIsWrittenBeforeTheRecipientsDelivery() throws Exception {
        TestClock clock = TestClock.atEpochDay();
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        InMemoryUserStore users = new InMemoryUserStore();
        InMemoryPresence presence = new InMemoryPresence();
        users.insertUser(new UserRecord("alice", alice.publicKeyPem(), TAG_A));
        users.insertUser(new UserRecord("bob", bob.publicKeyPem(), TAG_B));
        presence.touch("bob", clock.instant()); // bob is online: his delivery goes out at once
        Directory directory = new Directory(new Stores(users, new InMemoryMailbox(), presence),
                new EcdsaVerifier(Ecdsa.withDefaultProvider(), 1 << 20), () -> "0".repeat(32), clock,
                DirectoryConfig.defaults());
        RecordingLink link = new RecordingLink();
        try (SerialLanes lanes = new SerialLanes(SerialLanes.Bounds.DEFAULTS, 1 << 20);
             DirectoryMeters meters = new DirectoryMeters()) {
            Pipeline pipeline = new Pipeline(new V1Dialect(alice::signBytes, V1Dialect.DEFAULT_MAX_REQUEST_BYTES),
                    directory, link, lanes, new RequestMetrics(), meters);
            String request = Requests.send(alice, Requests.content("alice", "bob", "{\"k\": 1}")).toString();
            pipeline.accept(new Inbound(SenderTag.parse(TAG_A), request.getBytes(StandardCharsets.UTF_8)));
            assertThat(lanes.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(link.to).containsExactly(TAG_A + " {\"action\": \"sendResponse\"",
                TAG_B + " {\"action\": \"incomingMessage\"");
    }
}
