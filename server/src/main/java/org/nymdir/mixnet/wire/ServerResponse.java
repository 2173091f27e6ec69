package org.nymdir.mixnet.wire;

import java.util.Arrays;
import java.util.Objects;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;

/**
 * A frame a nym-client sends on its WebSocket (reference A.3 and B.2).
 *
 * <p>{@code toString()} never prints message contents or whole tags.
 */
public sealed interface ServerResponse {

    /**
     * A message from the mixnet. {@code senderTag} is set only for a repliable message (the sender used
     * {@code sendAnonymous}); it is {@code null} for plain messages and for replies that came back through our
     * own SURBs.
     */
    record Received(byte[] message, SenderTag senderTag) implements ServerResponse {
        public Received {
            message = message.clone();
        }

        @Override
        public byte[] message() {
            return message.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Received r && Arrays.equals(message, r.message)
                    && Objects.equals(senderTag, r.senderTag);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(message) + Objects.hashCode(senderTag);
        }

        @Override
        public String toString() {
            return "Received[" + message.length + " bytes, senderTag=" + senderTag + "]";
        }
    }

    /** The answer to {@code selfAddress}. */
    record SelfAddressResponse(NymAddress address) implements ServerResponse {
        public SelfAddressResponse {
            Objects.requireNonNull(address, "address");
        }
    }

    /** Packets waiting on a lane (u64 lane, usize length; both unsigned in Java's long). */
    record LaneQueueLength(long lane, long queueLength) implements ServerResponse {
    }

    /** A request the nym-client could not parse. {@code message} is the bare detail, without the kind prefix. */
    record Error(ErrorKind kind, String message) implements ServerResponse {
        public Error {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        /** The text-mode form: {@code "<kind description>:<detail>"}. */
        public String text() {
            return kind.text(message);
        }
    }
}
