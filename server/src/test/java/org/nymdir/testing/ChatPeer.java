package org.nymdir.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ServerResponse;

/**
 * A raw chat client over the local mixnet: sends request JSON to the directory exactly as written (with
 * reply SURBs, like nymCHAT), and reads replies, checking each one's signature with the directory's key.
 * Tests speak the wire protocol through it character for character, malformed requests included.
 */
public final class ChatPeer implements DirectoryCaller, AutoCloseable {
    public static final int SURBS = 10;
    private static final Ecdsa ECDSA = Ecdsa.withDefaultProvider();

    private final WsPeer peer;
    private final NymAddress directory;
    private final String directoryKeyPem;

    private ChatPeer(WsPeer peer, NymAddress directory, String directoryKeyPem) {
        this.peer = peer;
        this.directory = directory;
        this.directoryKeyPem = directoryKeyPem;
    }

    /** Connects to a nym-client of the local mixnet and talks to the directory at {@code directory}. */
    public static ChatPeer connect(URI url, NymAddress directory, String directoryKeyPem) {
        WsPeer peer = WsPeer.connectWhenFree(url, Duration.ofSeconds(10));
        // A text frame switches the nym-client to text framing; its answer tells us we are through.
        peer.send(new ClientRequest.SelfAddress(), true);
        assertThat(peer.nextResponse()).isInstanceOf(ServerResponse.SelfAddressResponse.class);
        return new ChatPeer(peer, directory, directoryKeyPem);
    }

    /** Sends a request text to the directory as is. */
    public void sendRaw(String requestJson) {
        peer.send(new ClientRequest.SendAnonymous(directory, requestJson.getBytes(StandardCharsets.UTF_8), SURBS, null),
                true);
    }

    /** Sends a request built as a JSON object. */
    public void send(ObjectNode request) {
        sendRaw(request.toString());
    }

    /** The next reply from the directory, its signature checked. */
    public JsonNode nextReply() {
        return nextReply(Duration.ofSeconds(10));
    }

    public JsonNode nextReply(Duration timeout) {
        return checked(peer.next(timeout));
    }

    /** The next message from the directory (a reply or a forwarded message), checked; null if none came in time. */
    public JsonNode poll(Duration timeout) {
        WsPeer.Frame frame = peer.poll(timeout);
        return frame == null ? null : checked(frame);
    }

    private JsonNode checked(WsPeer.Frame frame) {
        ServerResponse r = WsPeer.decode(frame);
        assertThat(r).isInstanceOf(ServerResponse.Received.class);
        ServerResponse.Received received = (ServerResponse.Received) r;
        assertThat(received.senderTag()).as("replies come through SURBs, without a tag").isNull();
        String text = new String(received.message(), StandardCharsets.UTF_8);
        JsonNode reply = parse(text);
        assertThat(reply.fieldNames()).toIterable().containsExactly("action", "content", "context", "signature");
        assertThat(verify(reply.get("content").textValue(), reply.get("signature").textValue()))
                .as("directory signature over content").isTrue();
        return reply;
    }

    @Override
    public JsonNode call(ObjectNode request) {
        send(request);
        return nextReply();
    }

    public void expectNothing(Duration window) {
        peer.expectNothing(window);
    }

    private boolean verify(String content, String signatureHex) {
        try {
            return ECDSA.verifyHex(PemKeys.parsePublicKey(directoryKeyPem), content.getBytes(StandardCharsets.UTF_8),
                    signatureHex);
        } catch (InvalidKeyMaterialException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return Fixtures.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the connection to the nym-client is closed. */
    public boolean isClosed() {
        return peer.isClosed();
    }

    @Override
    public void close() {
        peer.close();
    }
}
