package org.nymdir.sim.wire;

import static org.nymdir.mixnet.wire.BinaryTags.Response.ERROR;
import static org.nymdir.mixnet.wire.BinaryTags.Response.LANE_QUEUE_LENGTH;
import static org.nymdir.mixnet.wire.BinaryTags.Response.RECEIVED;
import static org.nymdir.mixnet.wire.BinaryTags.Response.SELF_ADDRESS;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ServerResponse;

/** Writes binary responses (reference B.2) as a nym-client does; {@code mixnet.wire}'s decoder reads them. */
final class BinaryResponseEncoder {
    private static final int U64 = Long.BYTES;

    private BinaryResponseEncoder() {
    }

    static byte[] encode(ServerResponse response) {
        return switch (response) {
            case ServerResponse.Received r -> {
                byte[] m = r.message();
                SenderTag tag = r.senderTag();
                ByteBuffer out = ByteBuffer.allocate(2 + (tag == null ? 0 : SenderTag.SIZE) + U64 + m.length);
                out.put(RECEIVED).put((byte) (tag == null ? 0 : 1));
                if (tag != null) {
                    out.put(tag.bytes());
                }
                yield out.putLong(m.length).put(m).array();
            }
            case ServerResponse.SelfAddressResponse s ->
                    ByteBuffer.allocate(1 + NymAddress.BINARY_SIZE).put(SELF_ADDRESS).put(s.address().toBytes())
                            .array();
            case ServerResponse.LaneQueueLength l ->
                    ByteBuffer.allocate(1 + 2 * U64).put(LANE_QUEUE_LENGTH).putLong(l.lane()).putLong(l.queueLength())
                            .array();
            case ServerResponse.Error e -> {
                byte[] m = e.message().getBytes(StandardCharsets.UTF_8);
                yield ByteBuffer.allocate(2 + U64 + m.length).put(ERROR).put(e.kind().code()).putLong(m.length)
                        .put(m).array();
            }
        };
    }
}
