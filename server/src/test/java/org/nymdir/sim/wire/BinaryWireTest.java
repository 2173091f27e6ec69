package org.nymdir.sim.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ClientWire;
import org.nymdir.mixnet.wire.ErrorKind;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.mixnet.wire.WireException;

class BinaryWireTest {
    static final NymAddress ADDRESS = NymAddress.parse("CytBseW6yFXUMzz4SGAKdNLGR7q3sJLLYxyBGvutNEQV."
            + "4QXYyEVc5fUDjmmi8PrHN9tdUFV4PCvSJE1278cHyvoe@4sBbL1ngf1vtNqykydQKTFh26sQCw888GpUqvPvyNB4f");
    static final SenderTag TAG_08 = SenderTag.of(filled(0x08, 16));

    static byte[] filled(int value, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void workedExampleFromTheReference() {
        byte[] frame = ServerWire.toBinary(new ServerResponse.Received("hi".getBytes(), TAG_08));
        assertThat(frame).isEqualTo(hex("01 01 0808080808080808 0808080808080808 0000000000000002 68 69"));
        assertThat(ServerWire.toText(new ServerResponse.Received("hi".getBytes(), TAG_08)))
                .isEqualTo("{\"type\":\"received\",\"message\":\"hi\",\"senderTag\":\"zXExeyvPEHUk9rjXTu78T\"}");
    }

    @Test
    void requestLayouts() throws Exception {
        byte[] send = ClientWire.toBinary(new ClientRequest.Send(ADDRESS, "ab".getBytes(), 7L));
        assertThat(send).hasSize(1 + 96 + 8 + 8 + 2);
        assertThat(send[0]).isEqualTo((byte) 0);
        assertThat(Arrays.copyOfRange(send, 1, 97)).isEqualTo(ADDRESS.toBytes());
        assertThat(Arrays.copyOfRange(send, 97, 113)).isEqualTo(hex("0000000000000007 0000000000000002"));

        byte[] anon = ClientWire.toBinary(new ClientRequest.SendAnonymous(ADDRESS, "ab".getBytes(), 10));
        assertThat(Arrays.copyOfRange(anon, 0, 5)).isEqualTo(hex("01 0000000a")); // replySurbs before recipient
        assertThat(Arrays.copyOfRange(anon, 5, 101)).isEqualTo(ADDRESS.toBytes());

        byte[] reply = ClientWire.toBinary(new ClientRequest.Reply(TAG_08, "x".getBytes(), null));
        assertThat(reply).isEqualTo(hex("02 08080808080808080808080808080808 0000000000000000 0000000000000001 78"));

        assertThat(ClientWire.toBinary(new ClientRequest.SelfAddress())).isEqualTo(hex("03"));
        assertThat(ClientWire.toBinary(new ClientRequest.ClosedConnection(5))).isEqualTo(hex("04 0000000000000005"));
        assertThat(ClientWire.toBinary(new ClientRequest.GetLaneQueueLength(-1)))
                .isEqualTo(hex("05 ffffffffffffffff"));
    }

    @Test
    void everyRequestRoundTrips() throws Exception {
        List<ClientRequest> requests = List.of(
                new ClientRequest.Send(ADDRESS, "foomp".getBytes(), 42L),
                new ClientRequest.Send(ADDRESS, new byte[0], null),
                new ClientRequest.SendAnonymous(ADDRESS, new byte[] {0, (byte) 0xFF}, 666, 42L),
                new ClientRequest.SendAnonymous(ADDRESS, "x".getBytes(), -1, null), // u32 max
                new ClientRequest.Reply(TAG_08, "foomp".getBytes(), Long.MIN_VALUE),
                new ClientRequest.SelfAddress(),
                new ClientRequest.ClosedConnection(42),
                new ClientRequest.GetLaneQueueLength(42));
        for (ClientRequest r : requests) {
            assertThat(ServerWire.fromBinary(ClientWire.toBinary(r))).as(r.toString()).isEqualTo(r);
        }
    }

    @Test
    void everyResponseRoundTrips() throws Exception {
        List<ServerResponse> responses = List.of(
                new ServerResponse.Received("foomp".getBytes(), SenderTag.of(filled(42, 16))),
                new ServerResponse.Received(new byte[] {(byte) 0xC3, 0x28}, null),
                new ServerResponse.SelfAddressResponse(ADDRESS),
                new ServerResponse.LaneQueueLength(13, 42),
                new ServerResponse.Error(ErrorKind.UNKNOWN_REQUEST, "foomp message"));
        for (ServerResponse r : responses) {
            assertThat(ClientWire.fromBinary(ServerWire.toBinary(r))).as(r.toString()).isEqualTo(r);
        }
    }

    @Test
    void binaryIdZeroMeansNone() throws Exception {
        ClientRequest decoded = ServerWire.fromBinary(ClientWire.toBinary(new ClientRequest.Send(ADDRESS, new byte[0], 0L)));
        assertThat(((ClientRequest.Send) decoded).connectionId()).isNull();
    }

    @Test
    void selfAddressIgnoresTrailingBytes() throws Exception {
        assertThat(ServerWire.fromBinary(hex("03 ffff"))).isEqualTo(new ClientRequest.SelfAddress());
    }

    @Test
    void badRequestsGetNymClientsErrors() {
        expect(new byte[0], ErrorKind.EMPTY_REQUEST, "no data provided");
        expect(hex("09"), ErrorKind.UNKNOWN_REQUEST, "9 does not correspond to any valid request tag");
        expect(hex("ff"), ErrorKind.UNKNOWN_REQUEST, "255 does not correspond to any valid request tag");
        expect(new byte[1 + 96 + 15], ErrorKind.TOO_SHORT_REQUEST, "not enough data provided to recover 'send'");
        byte[] anon = new byte[1 + 4 + 96 + 15];
        anon[0] = 1;
        expect(anon, ErrorKind.TOO_SHORT_REQUEST, "not enough data provided to recover 'send_anonymous'");
        expect(hex("02 0808"), ErrorKind.TOO_SHORT_REQUEST, "not enough data provided to recover 'reply'");
        expect(hex("04 00"), ErrorKind.MALFORMED_REQUEST, "The received closed connection has invalid length");
        expect(hex("05 000000000000000100"), ErrorKind.MALFORMED_REQUEST,
                "The received get lane queue lengths has invalid length");

        byte[] send = ClientWire.toBinary(new ClientRequest.Send(ADDRESS, "abc".getBytes(), null));
        expect(Arrays.copyOf(send, send.length - 1), ErrorKind.MALFORMED_REQUEST,
                "data len has inconsistent length. specified: 3 got: 2");
        byte[] reply = ClientWire.toBinary(new ClientRequest.Reply(TAG_08, "abc".getBytes(), null));
        expect(Arrays.copyOf(reply, reply.length + 1), ErrorKind.MALFORMED_REQUEST,
                "message len has inconsistent length. specified: 3 got: 4");
    }

    @Test
    void errorResponseLayoutAndTextForm() throws Exception {
        ServerResponse.Error error = new ServerResponse.Error(ErrorKind.EMPTY_REQUEST, "no data provided");
        assertThat(ServerWire.toBinary(error)).isEqualTo(
                hex("00 01 0000000000000010 6e6f20646174612070726f7669646564"));
        assertThat(ServerWire.toText(error))
                .isEqualTo("{\"type\":\"error\",\"message\":\"received request contained no data:no data provided\"}");
    }

    @Test
    void badResponsesAreReportedToClients() {
        expectResponse(new byte[0], ErrorKind.EMPTY_RESPONSE, "no data provided");
        expectResponse(hex("07"), ErrorKind.UNKNOWN_RESPONSE, "7 does not correspond to any valid response tag");
        expectResponse(hex("01 02 0000000000000000"), ErrorKind.MALFORMED_RESPONSE, "invalid sender tag flag 2");
        expectResponse(hex("01 01 0000000000000000"), ErrorKind.TOO_SHORT_RESPONSE,
                "not enough data provided to recover 'received'");
        expectResponse(hex("01 00 0000000000000005 6869"), ErrorKind.MALFORMED_RESPONSE,
                "message len has inconsistent length. specified: 5 got: 2");
        expectResponse(hex("02 00"), ErrorKind.TOO_SHORT_RESPONSE, "not enough data provided to recover 'self_address'");
        expectResponse(hex("03 00"), ErrorKind.TOO_SHORT_RESPONSE,
                "not enough data provided to recover 'lane_queue_length'");
        expectResponse(hex("00 04 00"), ErrorKind.TOO_SHORT_RESPONSE, "not enough data provided to recover 'error'");
        expectResponse(hex("00 07 0000000000000000"), ErrorKind.MALFORMED_RESPONSE, "invalid error kind 7");
    }

    private static void expect(byte[] frame, ErrorKind kind, String detail) {
        assertThatThrownBy(() -> ServerWire.fromBinary(frame)).isInstanceOfSatisfying(WireException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.detail()).isEqualTo(detail);
            assertThat(e.toResponse()).isEqualTo(new ServerResponse.Error(kind, detail));
        });
    }

    private static void expectResponse(byte[] frame, ErrorKind kind, String detail) {
        assertThatThrownBy(() -> ClientWire.fromBinary(frame)).isInstanceOfSatisfying(WireException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.detail()).isEqualTo(detail);
        });
    }
}
