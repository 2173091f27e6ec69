package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ClientWire;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestUser;

/**
 * Issue 10's heap attack, through the local mixnet: {@value #CONNECTIONS} fresh connections (each a new
 * sender tag, as every nym-client connection is), each sending {@value #REGISTERS_PER_CONNECTION} register
 * requests (the per-tag burst) whose key text is one key padded to the PEM limit with new padding each time,
 * against a directory in a child JVM with {@code -Xmx256m}. Keyed by text and capped only in entries, the
 * parsed-key cache and the pending challenges grew by some 5 KiB a request until the heap ran out (about
 * 50,000 requests); here the directory stays up, and answers a legitimate user afterwards.
 */
class PaddedRegisterFloodIT {
    private static final int CONNECTIONS = 7_000;
    private static final int REGISTERS_PER_CONNECTION = 10;
    private static final int IN_FLIGHT = 48; // connections open at once
    private static final int PEM_LIMIT = 4096;

    @RegisterExtension
    final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
    @TempDir
    Path dir;

    @Test
    void aFloodOfPaddedRegistersFromNewConnectionsLeavesTheDirectoryUpAndAnswering() throws Exception {
        LocalMixnet sim = mixnet.sim();
        try (ServerProcess server = new ServerProcess(dir, sim.serviceUrl(), Map.of())) {
            NymAddress address = server.start();
            String key = server.publicKeyPem();

            long started = System.nanoTime();
            Flood flood = new Flood(sim.clientsUrl(), address);
            long answered = flood.run(server::isAlive);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("padded-register flood: %,d requests from %,d connections in %.1f s, %,d answered%n",
                    (long) CONNECTIONS * REGISTERS_PER_CONNECTION, CONNECTIONS, seconds, answered);

            assertThat(server.isAlive()).as("the directory is still running (see %s)", server.stderr()).isTrue();
            assertThat(answered).as("nearly every request was answered")
                    .isGreaterThan(CONNECTIONS * REGISTERS_PER_CONNECTION * 9L / 10);
            TestUser alice = TestUser.named("alice");
            try (ChatPeer peer = ChatPeer.connect(sim.clientUrl("alice"), address, key)) {
                peer.register(alice);
                JsonNode found = peer.call(Requests.query("alice"));
                assertThat(ChatPeer.parse(found.get("content").textValue()).get("publicKey").textValue())
                        .isEqualTo(alice.publicKeyPem());
            }
        }
    }

    /**
     * The attacker: connections opened {@value #IN_FLIGHT} at a time, each sending its registers at once
     * and waiting for their answers (challenges, unread), then closing. A lean client: one shared HTTP client,
     * frames counted, nothing parsed.
     */
    private static final class Flood {
        private final URI clients;
        private final NymAddress directory;
        private final TestUser mallory = TestUser.named("mallory");
        private final HttpClient http = HttpClient.newHttpClient();
        private final AtomicLong answered = new AtomicLong();

        Flood(URI clients, NymAddress directory) {
            this.clients = clients;
            this.directory = directory;
        }

        /** Runs the flood while {@code alive} holds; returns how many requests were answered. */
        long run(java.util.function.BooleanSupplier alive) throws InterruptedException {
            Semaphore open = new Semaphore(IN_FLIGHT);
            try (ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < CONNECTIONS && alive.getAsBoolean(); c++) {
                    open.acquire();
                    int connection = c;
                    connections.execute(() -> {
                        try {
                            connection(connection);
                        } finally {
                            open.release();
                        }
                    });
                }
            }
            http.close();
            return answered.get();
        }

        private void connection(int c) {
            CountDownLatch replies = new CountDownLatch(REGISTERS_PER_CONNECTION);
            WebSocket ws;
            try {
                ws = http.newWebSocketBuilder().buildAsync(clients, new Counter(replies)).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return; // the mixnet is busy: this connection's requests count as unanswered
            }
            try {
                for (int i = 0; i < REGISTERS_PER_CONNECTION; i++) {
                    String name = "f" + c + "_" + i;
                    String request = Requests.register(name, mallory.paddedPublicKeyPem("#" + name, PEM_LIMIT))
                            .toString();
                    ws.sendText(ClientWire.toText(new ClientRequest.SendAnonymous(directory,
                            request.getBytes(StandardCharsets.UTF_8), ChatPeer.SURBS, null)), true)
                            .get(10, TimeUnit.SECONDS);
                }
                replies.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // counted by what was answered
            } finally {
                answered.addAndGet(REGISTERS_PER_CONNECTION - replies.getCount());
                ws.abort();
            }
        }

        /** Counts whole messages, text or binary. */
        private record Counter(CountDownLatch replies) implements WebSocket.Listener {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                return count(ws, last);
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                return count(ws, last);
            }

            private CompletionStage<?> count(WebSocket ws, boolean last) {
                if (last) {
                    replies.countDown();
                }
                ws.request(1);
                return null;
            }
        }
    }
}
