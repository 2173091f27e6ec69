package org.nymdir.mixnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.sim.wire.ServerWire;

/** Fragments from a nym-client, text and binary, into whole responses within the byte bound. */
class FrameAssemblerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX = 4096;

    private final List<ServerResponse> out = new ArrayList<>();
    private final FrameAssembler frames = new FrameAssembler(MAX, out::add);
    private final ServerResponse received = new ServerResponse.Received(
            "h\u00e9llo".getBytes(StandardCharsets.UTF_8), SenderTag.random(RANDOM));
    private final ServerResponse address = new ServerResponse.SelfAddressResponse(randomAddress());

    private static NymAddress randomAddress() {
        byte[] b = new byte[NymAddress.BINARY_SIZE];
        RANDOM.nextBytes(b);
        return NymAddress.fromBytes(b);
    }

    private void text(String whole, int pieces) {
        int step = Math.max(1, whole.length() / pieces);
        for (int i = 0; i < whole.length(); i += step) {
            int end = Math.min(whole.length(), i + step);
            frames.text(whole.substring(i, end), end == whole.length());
        }
    }

    private void binary(byte[] whole, int pieces) {
        int step = Math.max(1, whole.length / pieces);
        for (int i = 0; i < whole.length; i += step) {
            int end = Math.min(whole.length, i + step);
            frames.binary(ByteBuffer.wrap(Arrays.copyOfRange(whole, i, end)), end == whole.length);
        }
    }

    @Test
    void joinsFragmentsOfEitherKindIntoOneResponseEach() {
        text(ServerWire.toText(address), 5);
        binary(ServerWire.toBinary(received), 7);
        text(ServerWire.toText(received), 1);
        assertThat(out).containsExactly(address, received, received);
    }

    @Test
    void dropsAnOversizeMessageWholeAndReadsTheNextOne() {
        String big = ServerWire.toText(new ServerResponse.Received(new byte[MAX], null));
        text(big, 3);
        binary(ServerWire.toBinary(new ServerResponse.Received(new byte[MAX], null)), 3);
        assertThat(out).as("nothing of an oversize message, not even its tail").isEmpty();
        text(ServerWire.toText(address), 2);
        binary(ServerWire.toBinary(received), 2);
        assertThat(out).containsExactly(address, received);
    }

    @Test
    void aMessageOfExactlyTheBoundIsKept() {
        String frame = ServerWire.toText(address);
        FrameAssembler exact = new FrameAssembler(frame.length(), out::add);
        exact.text(frame, true);
        new FrameAssembler(frame.length() - 1, out::add).text(frame, true);
        assertThat(out).containsExactly(address);
    }

    @Test
    void dropsWhatDoesNotDecodeAndReadsTheNextOne() {
        text("{\"type\":\"selfAddress\"}", 2);
        binary(new byte[] {(byte) 0xff, 1, 2}, 1);
        text(ServerWire.toText(address), 1);
        assertThat(out).containsExactly(address);
    }
}
