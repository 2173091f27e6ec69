package org.nymdir.mixnet.wire;

import java.util.Arrays;
import java.util.Objects;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;

/**
 * A request to a nym-client over its WebSocket (reference A.2 and B.1).
 *
 * <p>Unsigned wire integers are carried in Java's signed types with the same bits: {@code connectionId} is a u64
 * ({@link Long#toUnsignedString(long)} to print it), {@code replySurbs} a u32 ({@link Integer#toUnsignedLong(int)}).
 * A {@code null} connection id means "none"; the binary API writes none as 0, so a text {@code connectionId: 0}
 * does not survive a trip through binary.
 *
 * <p>{@code toString()} never prints message contents, only their length.
 */
public sealed interface ClientRequest {

    /** A plain message: the recipient sees {@code senderTag: null} and cannot reply. */
    record Send(NymAddress recipient, byte[] message, Long connectionId) implements ClientRequest {
        public Send {
            Objects.requireNonNull(recipient, "recipient");
            message = message.clone();
        }

        public Send(NymAddress recipient, byte[] message) {
            this(recipient, message, null);
        }

        @Override
        public byte[] message() {
            return message.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Send s && recipient.equals(s.recipient) && Arrays.equals(message, s.message)
                    && Objects.equals(connectionId, s.connectionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(recipient, Arrays.hashCode(message), connectionId);
        }

        @Override
        public String toString() {
            return "Send[" + message.length + " bytes, connectionId=" + connectionId + "]";
        }
    }

    /** A repliable message carrying {@code replySurbs} reply SURBs under the sender's tag for this recipient. */
    record SendAnonymous(NymAddress recipient, byte[] message, int replySurbs, Long connectionId)
            implements ClientRequest {
        public SendAnonymous {
            Objects.requireNonNull(recipient, "recipient");
            message = message.clone();
        }

        public SendAnonymous(NymAddress recipient, byte[] message, int replySurbs) {
            this(recipient, message, replySurbs, null);
        }

        @Override
        public byte[] message() {
            return message.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SendAnonymous s && recipient.equals(s.recipient) && Arrays.equals(message, s.message)
                    && replySurbs == s.replySurbs && Objects.equals(connectionId, s.connectionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(recipient, Arrays.hashCode(message), replySurbs, connectionId);
        }

        @Override
        public String toString() {
            return "SendAnonymous[" + message.length + " bytes, replySurbs=" + Integer.toUnsignedString(replySurbs)
                    + ", connectionId=" + connectionId + "]";
        }
    }

    /** A reply through the SURBs stored under {@code senderTag}. */
    record Reply(SenderTag senderTag, byte[] message, Long connectionId) implements ClientRequest {
        public Reply {
            Objects.requireNonNull(senderTag, "senderTag");
            message = message.clone();
        }

        public Reply(SenderTag senderTag, byte[] message) {
            this(senderTag, message, null);
        }

        @Override
        public byte[] message() {
            return message.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reply r && senderTag.equals(r.senderTag) && Arrays.equals(message, r.message)
                    && Objects.equals(connectionId, r.connectionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(senderTag, Arrays.hashCode(message), connectionId);
        }

        @Override
        public String toString() {
            return "Reply[" + senderTag + ", " + message.length + " bytes, connectionId=" + connectionId + "]";
        }
    }

    /** Asks for the client's own nym address. */
    record SelfAddress() implements ClientRequest {
    }

    /** Closes a transmission lane. Binary API only; no response. */
    record ClosedConnection(long connectionId) implements ClientRequest {
    }

    /** Asks how many packets wait on a lane. Binary API only. */
    record GetLaneQueueLength(long connectionId) implements ClientRequest {
    }
}
