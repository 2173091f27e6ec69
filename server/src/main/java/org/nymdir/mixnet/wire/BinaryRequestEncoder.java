package org.nymdir.mixnet.wire;

import static org.nymdir.mixnet.wire.BinaryTags.Request.CLOSED_CONNECTION;
import static org.nymdir.mixnet.wire.BinaryTags.Request.GET_LANE_QUEUE_LENGTH;
import static org.nymdir.mixnet.wire.BinaryTags.Request.REPLY;
import static org.nymdir.mixnet.wire.BinaryTags.Request.SELF_ADDRESS;
import static org.nymdir.mixnet.wire.BinaryTags.Request.SEND;
import static org.nymdir.mixnet.wire.BinaryTags.Request.SEND_ANONYMOUS;

import java.nio.ByteBuffer;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;

/**
 * Writes binary requests (reference B.1): one tag byte, big-endian integers, u64 length prefixes, a 96-byte
 * recipient and a 16-byte sender tag without prefixes. The local mixnet reads them ({@code sim.wire}).
 */
final class BinaryRequestEncoder {
    private static final int U64 = Long.BYTES;

    private BinaryRequestEncoder() {
    }

    static byte[] encode(ClientRequest request) {
        return switch (request) {
            case ClientRequest.Send s -> {
                byte[] m = s.message();
                yield ByteBuffer.allocate(1 + NymAddress.BINARY_SIZE + 2 * U64 + m.length).put(SEND)
                        .put(s.recipient().toBytes()).putLong(orZero(s.connectionId())).putLong(m.length).put(m)
                        .array();
            }
            case ClientRequest.SendAnonymous s -> {
                byte[] m = s.message();
                yield ByteBuffer.allocate(1 + Integer.BYTES + NymAddress.BINARY_SIZE + 2 * U64 + m.length)
                        .put(SEND_ANONYMOUS).putInt(s.replySurbs()).put(s.recipient().toBytes())
                        .putLong(orZero(s.connectionId())).putLong(m.length).put(m).array();
            }
            case ClientRequest.Reply r -> {
                byte[] m = r.message();
                yield ByteBuffer.allocate(1 + SenderTag.SIZE + 2 * U64 + m.length).put(REPLY)
                        .put(r.senderTag().bytes()).putLong(orZero(r.connectionId())).putLong(m.length).put(m)
                        .array();
            }
            case ClientRequest.SelfAddress ignored -> new byte[] {SELF_ADDRESS};
            case ClientRequest.ClosedConnection c ->
                    ByteBuffer.allocate(1 + U64).put(CLOSED_CONNECTION).putLong(c.connectionId()).array();
            case ClientRequest.GetLaneQueueLength g ->
                    ByteBuffer.allocate(1 + U64).put(GET_LANE_QUEUE_LENGTH).putLong(g.connectionId()).array();
        };
    }

    /** Binary id 0 means "no connection id". */
    private static long orZero(Long id) {
        return id == null ? 0 : id;
    }
}
