package org.nymdir.sim.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nymdir.sim.wire.BinaryWireTest.ADDRESS;
import static org.nymdir.sim.wire.BinaryWireTest.TAG_08;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ClientWire;
import org.nymdir.mixnet.wire.ErrorKind;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.mixnet.wire.WireException;

class TextWireTest {
    static final String ADDR = ADDRESS.text();

    @Test
    void responsesAreWrittenExactlyLikeSerdeJson() {
        assertThat(ServerWire.toText(new ServerResponse.Received("hi".getBytes(), null)))
                .isEqualTo("{\"type\":\"received\",\"message\":\"hi\",\"senderTag\":null}");
        assertThat(ServerWire.toText(new ServerResponse.SelfAddressResponse(ADDRESS)))
                .isEqualTo("{\"type\":\"selfAddress\",\"address\":\"" + ADDR + "\"}");
        assertThat(ServerWire.toText(new ServerResponse.LaneQueueLength(7, 0)))
                .isEqualTo("{\"type\":\"laneQueueLength\",\"lane\":7,\"queue_length\":0}");
        assertThat(ServerWire.toText(new ServerResponse.LaneQueueLength(-1, 3)))
                .isEqualTo("{\"type\":\"laneQueueLength\",\"lane\":18446744073709551615,\"queue_length\":3}");
    }

    @Test
    void escapingMatchesSerdeJson() {
        String message = "q\" b\\ n\n t\t c\u0001 d\u001f e\u007f é / \u2028 😀";
        assertThat(ServerWire.toText(new ServerResponse.Received(message.getBytes(StandardCharsets.UTF_8), null)))
                .isEqualTo("{\"type\":\"received\",\"message\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 d\\u001f e\u007f é / "
                        + "\u2028 😀\",\"senderTag\":null}");
    }

    @Test
    void binaryPayloadsAreDecodedLossilyInTextMode() {
        byte[] invalid = {'a', (byte) 0xFF, 'b'};
        assertThat(ServerWire.toText(new ServerResponse.Received(invalid, null)))
                .isEqualTo("{\"type\":\"received\",\"message\":\"a\uFFFDb\",\"senderTag\":null}");
    }

    @Test
    void requestsAreWrittenLikeTheReferenceExamples() {
        assertThat(ClientWire.toText(new ClientRequest.SelfAddress())).isEqualTo("{\"type\":\"selfAddress\"}");
        assertThat(ClientWire.toText(new ClientRequest.Send(ADDRESS, "hello".getBytes())))
                .isEqualTo("{\"type\":\"send\",\"recipient\":\"" + ADDR + "\",\"message\":\"hello\"}");
        assertThat(ClientWire.toText(new ClientRequest.SendAnonymous(ADDRESS, "hello".getBytes(), 20)))
                .isEqualTo("{\"type\":\"sendAnonymous\",\"recipient\":\"" + ADDR
                        + "\",\"message\":\"hello\",\"replySurbs\":20}");
        assertThat(ClientWire.toText(new ClientRequest.Reply(TAG_08, "hi back".getBytes(), 7L)))
                .isEqualTo("{\"type\":\"reply\",\"senderTag\":\"zXExeyvPEHUk9rjXTu78T\",\"message\":\"hi back\","
                        + "\"connectionId\":7}");
    }

    @Test
    void textCannotCarryBinaryOnlyRequestsOrInvalidUtf8() {
        assertThatThrownBy(() -> ClientWire.toText(new ClientRequest.ClosedConnection(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary");
        assertThatThrownBy(() -> ClientWire.toText(new ClientRequest.GetLaneQueueLength(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientWire.toText(new ClientRequest.Send(ADDRESS, new byte[] {(byte) 0xFF})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void everyTextRequestRoundTrips() throws Exception {
        List<ClientRequest> requests = List.of(
                new ClientRequest.Send(ADDRESS, "héllo".getBytes(StandardCharsets.UTF_8), 0L),
                new ClientRequest.Send(ADDRESS, new byte[0], null),
                new ClientRequest.SendAnonymous(ADDRESS, "x".getBytes(), 0, -1L), // u64 max
                new ClientRequest.SendAnonymous(ADDRESS, "x".getBytes(), -1, null), // u32 max
                new ClientRequest.Reply(TAG_08, "{\"json\":true}".getBytes(), 3L),
                new ClientRequest.SelfAddress());
        for (ClientRequest r : requests) {
            assertThat(ServerWire.fromText(ClientWire.toText(r))).as(r.toString()).isEqualTo(r);
        }
    }

    @Test
    void everyTextResponseRoundTrips() throws Exception {
        List<ServerResponse> responses = List.of(
                new ServerResponse.Received("hi".getBytes(), TAG_08),
                new ServerResponse.Received("hi".getBytes(), null),
                new ServerResponse.SelfAddressResponse(ADDRESS),
                new ServerResponse.LaneQueueLength(-1, 42),
                new ServerResponse.Error(ErrorKind.MALFORMED_REQUEST, "missing field `replySurbs`"),
                new ServerResponse.Error(ErrorKind.TOO_SHORT_REQUEST, "a:b"));
        for (ServerResponse r : responses) {
            assertThat(ClientWire.fromText(ServerWire.toText(r))).as(r.toString()).isEqualTo(r);
        }
    }

    @Test
    void clientSideDecodingAcceptsTheReferenceExamples() throws Exception {
        assertThat(ClientWire.fromText("{\"type\":\"error\",\"message\":\"malformed request:missing field `replySurbs` "
                + "at line 1 column 62\"}")).isEqualTo(new ServerResponse.Error(ErrorKind.MALFORMED_REQUEST,
                "missing field `replySurbs` at line 1 column 62"));
        assertThat(ClientWire.fromText("{\"type\":\"error\",\"message\":\"something else\"}"))
                .isEqualTo(new ServerResponse.Error(ErrorKind.OTHER, "something else"));
        assertThatThrownBy(() -> ClientWire.fromText("{\"type\":\"nope\"}")).isInstanceOfSatisfying(
                WireException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNKNOWN_RESPONSE));
        assertThatThrownBy(() -> ClientWire.fromText("not json")).isInstanceOfSatisfying(
                WireException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
    }

    @Test
    void textQuirksOfNymClient() throws Exception {
        // connectionId 0 counts as present in text; null and absence mean none; extra fields are ignored
        assertThat(((ClientRequest.Send) ServerWire.fromText("{\"type\":\"send\",\"recipient\":\"" + ADDR
                + "\",\"message\":\"m\",\"connectionId\":0}")).connectionId()).isZero();
        assertThat(((ClientRequest.Send) ServerWire.fromText("{\"message\":\"m\",\"connectionId\":null,"
                + "\"recipient\":\"" + ADDR + "\",\"type\":\"send\",\"x\":[1,{\"y\":null}]}")).connectionId()).isNull();
        assertThat(ServerWire.fromText("{\"type\":\"selfAddress\",\"extra\":{\"a\":[1,2]}}"))
                .isEqualTo(new ClientRequest.SelfAddress());
        // serde's sequence form of an internally tagged enum: the tag first
        assertThat(ServerWire.fromText("[\"selfAddress\"]")).isEqualTo(new ClientRequest.SelfAddress());
        assertThat(ServerWire.fromText("[\"reply\",\"zXExeyvPEHUk9rjXTu78T\",\"hi\",null]"))
                .isEqualTo(new ClientRequest.Reply(TAG_08, "hi".getBytes(), null));
        // escapes in the tag are decoded before matching
        assertThat(ServerWire.fromText("{\"typ\\u0065\":\"selfAddr\\u0065ss\"}"))
                .isEqualTo(new ClientRequest.SelfAddress());
    }
}
