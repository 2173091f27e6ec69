package org.nymdir.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.dialect.v1.V1Wire;
import org.nymdir.mixnet.addressing.NymAddress;

/** Correlation of replies by (action, context), SURB counts, reply signatures, and each way a call fails. */
class DirectoryExchangeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Ecdsa ECDSA = Ecdsa.withDefaultProvider();
    private final NymAddress directory = randomAddress();
    private final EcKeyPair directoryKey = EcKeyPair.generate(RANDOM);
    private final ScriptedLink link = new ScriptedLink(randomAddress());
    private final DirectoryExchange exchange = new DirectoryExchange(link,
            ClientConfig.of(directory).withDirectoryKey(directoryKey.publicKey()).withReplyTimeout(Duration.ofSeconds(5)),
            ECDSA, "test-link");

    static NymAddress randomAddress() {
        byte[] b = new byte[96];
        RANDOM.nextBytes(b);
        return NymAddress.fromBytes(b);
    }

    private String reply(String action, String content, String context) {
        String signature = ECDSA.signHex(directoryKey.privateKey(), content.getBytes(StandardCharsets.UTF_8));
        return "{\"action\": \"" + action + "\", \"content\": " + org.nymdir.dialect.json.PythonJson.writeString(content,
                new StringBuilder()) + ", \"context\": \"" + context + "\", \"signature\": \"" + signature + "\"}";
    }

    private CompletableFuture<Envelope> callAsync(String context, String... actions) {
        CompletableFuture<Envelope> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(exchange.exclusive(context, () -> exchange.call(context, "{}", actions)));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private void offer(String text) {
        exchange.offer(Envelope.parse(text));
    }

    @Test
    void aReplyGoesToTheCallWaitingInItsContextOnlyIfItsActionIsExpected() throws Exception {
        CompletableFuture<Envelope> query = callAsync(V1Wire.CTX_QUERY, V1Wire.QUERY_RESPONSE);
        ScriptedLink.Sent sent = link.next();
        assertThat(sent.to()).isEqualTo(directory);
        offer(reply(V1Wire.CHALLENGE, "{\"nonce\": \"00\"}", V1Wire.CTX_LOGIN)); // another context: nobody waits
        offer(reply(V1Wire.SEND_RESPONSE, "success", V1Wire.CTX_QUERY));         // right context, wrong action
        assertThat(query).isNotDone();
        offer(reply(V1Wire.QUERY_RESPONSE, "No user found", V1Wire.CTX_QUERY));
        assertThat(query.get(5, TimeUnit.SECONDS).content()).isEqualTo("No user found");
    }

    @Test
    void theDirectorysGenericErrorReachesTheChatCall() throws Exception {
        CompletableFuture<Envelope> send = callAsync(V1Wire.CTX_CHAT, V1Wire.SEND_RESPONSE);
        link.next();
        offer(reply(V1Wire.ERROR, "error: request too large", V1Wire.CTX_CHAT));
        assertThat(send.get(5, TimeUnit.SECONDS).content()).isEqualTo("error: request too large");
    }

    @Test
    void theFirstRequestCarriesExtraSurbs() throws Exception {
        for (int i = 0; i < 2; i++) {
            CompletableFuture<Envelope> q = callAsync(V1Wire.CTX_QUERY, V1Wire.QUERY_RESPONSE);
            assertThat(link.next().surbs()).isEqualTo(i == 0 ? 20 : 10);
            offer(reply(V1Wire.QUERY_RESPONSE, "No user found", V1Wire.CTX_QUERY));
            q.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReplySignedByAnotherKeyOrUnsignedIsRefused() throws Exception {
        CompletableFuture<Envelope> q = callAsync(V1Wire.CTX_QUERY, V1Wire.QUERY_RESPONSE);
        link.next();
        offer("{\"action\": \"queryResponse\", \"content\": \"No user found\", \"context\": \"query\"}");
        assertThatThrownBy(() -> q.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ClientException.SignatureMismatch.class);
    }

    @Test
    void withoutAKeyRepliesAreTakenUnverified() throws Exception {
        DirectoryExchange trusting = new DirectoryExchange(link, ClientConfig.of(directory), ECDSA, "test-link");
        assertThat(trusting.verified(Envelope.parse("{\"action\": \"a\", \"content\": \"c\", \"context\": \"x\"}")))
                .isTrue();
        assertThat(exchange.verified(Envelope.parse(reply("a", "c", "x")))).isTrue();
        assertThat(exchange.verified(Envelope.parse(reply("a", "c", "x").replace("\"c\"", "\"d\"")))).isFalse();
    }

    @Test
    void noReplyIsATimeoutAndALateOneIsDropped() throws Exception {
        DirectoryExchange quick = new DirectoryExchange(link,
                ClientConfig.of(directory).withReplyTimeout(Duration.ofMillis(50)), ECDSA, "test-link");
        assertThatThrownBy(() -> quick.call(V1Wire.CTX_QUERY, "{}", V1Wire.QUERY_RESPONSE))
                .isInstanceOf(ClientException.Timeout.class);
        assertThat(quick.offer(Envelope.parse(reply(V1Wire.QUERY_RESPONSE, "late", V1Wire.CTX_QUERY)))).isFalse();

        link.connected = false;
        assertThatThrownBy(() -> quick.call(V1Wire.CTX_QUERY, "{}", V1Wire.QUERY_RESPONSE))
                .isInstanceOf(ClientException.Unreachable.class).hasMessageContaining("lost the connection");
        link.accepting = false;
        assertThatThrownBy(() -> quick.call(V1Wire.CTX_QUERY, "{}", V1Wire.QUERY_RESPONSE))
                .isInstanceOf(ClientException.Unreachable.class).hasMessageContaining("queue");
    }
}
