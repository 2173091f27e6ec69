package org.nymdir.mixnet.wire;

import static org.nymdir.mixnet.wire.BinaryTags.Response.ERROR;
import static org.nymdir.mixnet.wire.BinaryTags.Response.LANE_QUEUE_LENGTH;
import static org.nymdir.mixnet.wire.BinaryTags.Response.RECEIVED;
import static org.nymdir.mixnet.wire.BinaryTags.Response.SELF_ADDRESS;
import static org.nymdir.mixnet.wire.ErrorKind.EMPTY_RESPONSE;
import static org.nymdir.mixnet.wire.ErrorKind.MALFORMED_RESPONSE;
import static org.nymdir.mixnet.wire.ErrorKind.TOO_SHORT_RESPONSE;
import static org.nymdir.mixnet.wire.ErrorKind.UNKNOWN_RESPONSE;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;

/**
 * Reads binary responses (reference B.2), as written by a nym-client or the local mixnet. Error texts are
 * nym-client's ({@code responses.rs}) except where it would panic or has an off-by-one; those places say so.
 */
final class BinaryResponseDecoder {
    private static final int U64 = Long.BYTES;

    private BinaryResponseDecoder() {
    }

    static ServerResponse decode(byte[] b) throws WireException {
        if (b.length == 0) {
            throw new WireException(EMPTY_RESPONSE, "no data provided");
        }
        return switch (b[0]) {
            case ERROR -> decodeError(b);
            case RECEIVED -> decodeReceived(b);
            case SELF_ADDRESS -> decodeSelfAddress(b);
            case LANE_QUEUE_LENGTH -> decodeLaneQueueLength(b);
            default -> throw new WireException(UNKNOWN_RESPONSE,
                    (b[0] & 0xFF) + " does not correspond to any valid response tag");
        };
    }

    private static ServerResponse decodeReceived(byte[] b) throws WireException {
        String tooShort = "not enough data provided to recover 'received'";
        if (b.length < 2 + U64) {
            throw new WireException(TOO_SHORT_RESPONSE, tooShort);
        }
        if (b[1] != 0 && b[1] != 1) {
            throw new WireException(MALFORMED_RESPONSE, "invalid sender tag flag " + (b[1] & 0xFF));
        }
        ByteBuffer in = ByteBuffer.wrap(b, 2, b.length - 2);
        SenderTag tag = null;
        if (b[1] == 1) {
            if (in.remaining() < SenderTag.SIZE + U64) {
                throw new WireException(TOO_SHORT_RESPONSE, tooShort);
            }
            byte[] raw = new byte[SenderTag.SIZE];
            in.get(raw);
            tag = SenderTag.of(raw);
        }
        return new ServerResponse.Received(data(in), tag);
    }

    private static ServerResponse decodeSelfAddress(byte[] b) throws WireException {
        if (b.length != 1 + NymAddress.BINARY_SIZE) {
            throw new WireException(TOO_SHORT_RESPONSE, "not enough data provided to recover 'self_address'");
        }
        byte[] raw = new byte[NymAddress.BINARY_SIZE];
        System.arraycopy(b, 1, raw, 0, raw.length);
        return new ServerResponse.SelfAddressResponse(NymAddress.fromBytes(raw));
    }

    private static ServerResponse decodeLaneQueueLength(byte[] b) throws WireException {
        // nym-client does not check the length here (it would panic); we report it instead.
        if (b.length < 1 + 2 * U64) {
            throw new WireException(TOO_SHORT_RESPONSE, "not enough data provided to recover 'lane_queue_length'");
        }
        ByteBuffer in = ByteBuffer.wrap(b, 1, 2 * U64);
        return new ServerResponse.LaneQueueLength(in.getLong(), in.getLong());
    }

    private static ServerResponse decodeError(byte[] b) throws WireException {
        // nym-client checks for 9 bytes here, one short of tag + kind + length; we need all 10.
        if (b.length < 2 + U64) {
            throw new WireException(TOO_SHORT_RESPONSE, "not enough data provided to recover 'error'");
        }
        ErrorKind kind = ErrorKind.fromCode(b[1]);
        if (kind == null) {
            throw new WireException(MALFORMED_RESPONSE, "invalid error kind " + (b[1] & 0xFF));
        }
        byte[] message = data(ByteBuffer.wrap(b, 2, b.length - 2));
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message)).toString();
            return new ServerResponse.Error(kind, text);
        } catch (CharacterCodingException e) {
            throw new WireException(MALFORMED_RESPONSE, "malformed error message: invalid utf-8");
        }
    }

    private static byte[] data(ByteBuffer in) throws WireException {
        long declared = in.getLong();
        if (declared != in.remaining()) {
            throw new WireException(MALFORMED_RESPONSE, "message len has inconsistent length. specified: "
                    + Long.toUnsignedString(declared) + " got: " + in.remaining());
        }
        byte[] data = new byte[in.remaining()];
        in.get(data);
        return data;
    }
}
