package org.nymdir.sim.wire;

import static org.nymdir.mixnet.wire.BinaryTags.Request.CLOSED_CONNECTION;
import static org.nymdir.mixnet.wire.BinaryTags.Request.GET_LANE_QUEUE_LENGTH;
import static org.nymdir.mixnet.wire.BinaryTags.Request.REPLY;
import static org.nymdir.mixnet.wire.BinaryTags.Request.SELF_ADDRESS;
import static org.nymdir.mixnet.wire.BinaryTags.Request.SEND;
import static org.nymdir.mixnet.wire.BinaryTags.Request.SEND_ANONYMOUS;
import static org.nymdir.mixnet.wire.ErrorKind.EMPTY_REQUEST;
import static org.nymdir.mixnet.wire.ErrorKind.MALFORMED_REQUEST;
import static org.nymdir.mixnet.wire.ErrorKind.TOO_SHORT_REQUEST;
import static org.nymdir.mixnet.wire.ErrorKind.UNKNOWN_REQUEST;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.WireException;

/**
 * Reads binary requests (reference B.1) the way nym-client does, with its error texts ({@code requests.rs}).
 * The layout is the one {@code mixnet.wire}'s encoder writes: one tag byte, big-endian integers, u64 length
 * prefixes, a 96-byte recipient and a 16-byte sender tag without prefixes.
 */
final class BinaryRequestDecoder {
    private static final int U64 = Long.BYTES;

    private BinaryRequestDecoder() {
    }

    static ClientRequest decode(byte[] b) throws WireException {
        if (b.length == 0) {
            throw new WireException(EMPTY_REQUEST, "no data provided");
        }
        return switch (b[0]) {
            case SEND -> decodeSend(b);
            case SEND_ANONYMOUS -> decodeSendAnonymous(b);
            case REPLY -> decodeReply(b);
            case SELF_ADDRESS -> new ClientRequest.SelfAddress(); // trailing bytes are ignored, as nym-client does
            case CLOSED_CONNECTION -> new ClientRequest.ClosedConnection(
                    exactlyOneU64(b, "The received closed connection has invalid length"));
            case GET_LANE_QUEUE_LENGTH -> new ClientRequest.GetLaneQueueLength(
                    exactlyOneU64(b, "The received get lane queue lengths has invalid length"));
            default -> throw new WireException(UNKNOWN_REQUEST,
                    (b[0] & 0xFF) + " does not correspond to any valid request tag");
        };
    }

    private static ClientRequest decodeSend(byte[] b) throws WireException {
        if (b.length < 1 + NymAddress.BINARY_SIZE + 2 * U64) {
            throw new WireException(TOO_SHORT_REQUEST, "not enough data provided to recover 'send'");
        }
        ByteBuffer in = ByteBuffer.wrap(b, 1, b.length - 1);
        NymAddress recipient = recipient(in);
        Long connectionId = connectionId(in.getLong());
        byte[] data = data(in, "data len");
        return new ClientRequest.Send(recipient, data, connectionId);
    }

    private static ClientRequest decodeSendAnonymous(byte[] b) throws WireException {
        if (b.length < 1 + Integer.BYTES + NymAddress.BINARY_SIZE + 2 * U64) {
            throw new WireException(TOO_SHORT_REQUEST, "not enough data provided to recover 'send_anonymous'");
        }
        ByteBuffer in = ByteBuffer.wrap(b, 1, b.length - 1);
        int replySurbs = in.getInt(); // before the recipient, unlike every other field order
        NymAddress recipient = recipient(in);
        Long connectionId = connectionId(in.getLong());
        byte[] data = data(in, "data len");
        return new ClientRequest.SendAnonymous(recipient, data, replySurbs, connectionId);
    }

    private static ClientRequest decodeReply(byte[] b) throws WireException {
        if (b.length < 1 + SenderTag.SIZE + 2 * U64) {
            throw new WireException(TOO_SHORT_REQUEST, "not enough data provided to recover 'reply'");
        }
        SenderTag tag = SenderTag.of(Arrays.copyOfRange(b, 1, 1 + SenderTag.SIZE));
        ByteBuffer in = ByteBuffer.wrap(b, 1 + SenderTag.SIZE, b.length - 1 - SenderTag.SIZE);
        Long connectionId = connectionId(in.getLong());
        byte[] data = data(in, "message len");
        return new ClientRequest.Reply(tag, data, connectionId);
    }

    private static NymAddress recipient(ByteBuffer in) {
        byte[] raw = new byte[NymAddress.BINARY_SIZE];
        in.get(raw);
        // nym-client also checks the ed25519 parts are curve points ("malformed recipient: ..."); like NymAddress
        // we check length only, and the length is fixed here.
        return NymAddress.fromBytes(raw);
    }

    private static byte[] data(ByteBuffer in, String what) throws WireException {
        long declared = in.getLong();
        if (declared != in.remaining()) {
            throw new WireException(MALFORMED_REQUEST, what + " has inconsistent length. specified: "
                    + Long.toUnsignedString(declared) + " got: " + in.remaining());
        }
        byte[] data = new byte[in.remaining()];
        in.get(data);
        return data;
    }

    private static long exactlyOneU64(byte[] b, String error) throws WireException {
        if (b.length != 1 + U64) {
            throw new WireException(MALFORMED_REQUEST, error);
        }
        return ByteBuffer.wrap(b, 1, U64).getLong();
    }

    /** Binary id 0 means "no connection id". */
    private static Long connectionId(long raw) {
        return raw == 0 ? null : raw;
    }
}
