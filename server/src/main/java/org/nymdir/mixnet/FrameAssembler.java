package org.nymdir.mixnet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.nymdir.mixnet.wire.ClientWire;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.mixnet.wire.WireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the WebSocket fragments a nym-client sends into its responses. Owns the message being assembled: a
 * nym-client pushes what it receives as binary frames until its user sends a text frame, so both kinds are
 * accepted, each possibly in several fragments. A message larger than the bound is dropped whole (its
 * fragments are not kept beyond the bound), as is one that does not decode; neither ends the connection.
 *
 * <p>Confined to the socket's listener thread, which delivers one fragment at a time.
 */
final class FrameAssembler {
    private static final Logger log = LoggerFactory.getLogger(FrameAssembler.class);

    private final int maxMessageBytes;
    private final Consumer<ServerResponse> responses;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private boolean oversize;

    /**
     * @param maxMessageBytes the largest message kept (a text message counts its chars)
     * @param responses       gets each whole, decoded response, on the calling thread
     */
    FrameAssembler(int maxMessageBytes, Consumer<ServerResponse> responses) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
        this.maxMessageBytes = maxMessageBytes;
        this.responses = responses;
    }

    /** A fragment of a text message; {@code last} ends the message (the next fragment starts a new one). */
    void text(CharSequence data, boolean last) {
        if (last && text.isEmpty() && !oversize && data.length() <= maxMessageBytes) {
            String whole = data.toString(); // a message in one fragment, the usual case: no copy into the builder
            decoded(() -> ClientWire.fromText(whole));
            return;
        }
        if (!oversize && text.length() + data.length() <= maxMessageBytes) {
            text.append(data);
        } else {
            oversize = true;
        }
        if (last) {
            String whole = oversize ? null : text.toString();
            text.setLength(0);
            oversize = false;
            if (whole != null) {
                decoded(() -> ClientWire.fromText(whole));
            } else {
                log.warn("dropped an oversize text frame from the nym-client");
            }
        }
    }

    /** A fragment of a binary message; {@code last} ends the message. */
    void binary(ByteBuffer data, boolean last) {
        if (!oversize && binary.size() + data.remaining() <= maxMessageBytes) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
        } else {
            oversize = true;
        }
        if (last) {
            byte[] whole = oversize ? null : binary.toByteArray();
            binary.reset();
            oversize = false;
            if (whole != null) {
                decoded(() -> ClientWire.fromBinary(whole));
            } else {
                log.warn("dropped an oversize binary frame from the nym-client");
            }
        }
    }

    @FunctionalInterface
    private interface Decoder {
        ServerResponse decode() throws WireException;
    }

    private void decoded(Decoder decoder) {
        ServerResponse response;
        try {
            response = decoder.decode();
        } catch (WireException e) {
            log.warn("unreadable frame from the nym-client: {}", e.getMessage());
            return;
        }
        responses.accept(response);
    }
}
