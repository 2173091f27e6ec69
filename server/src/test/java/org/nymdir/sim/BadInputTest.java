package org.nymdir.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nymdir.sim.RequestsOverWebSocketTest.selfAddress;

import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.WsPeer;

/**
 * Bad input over the wire gets the error frame a real nym-client sends, in the request's frame type, and the
 * connection stays usable. (Every serde text is covered in TextRequestErrorsTest; this checks the sim path.)
 */
class BadInputTest {
    @RegisterExtension
    static final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
    static LocalMixnet sim;

    @BeforeAll
    static void start() {
        sim = mixnet.sim();
    }

    @ParameterizedTest(name = "{index}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "garbage             | malformed request:expected value at line 1 column 1",
        "not json            | malformed request:expected ident at line 1 column 2",
        "{\"type\":\"foo\"}  | malformed request:unknown variant `foo`, expected one of `send`, `sendAnonymous`, "
                + "`reply`, `selfAddress` at line 1 column 13",
        "{\"type\":\"sendAnonymous\",\"recipient\":\"x\",\"message\":\"m\"} | malformed request:missing field "
                + "`replySurbs`",
        "{\"type\":\"send\",\"recipient\":\"x\",\"message\":{}} | malformed request:invalid type: map, expected a string",
        "{\"type\":\"reply\",\"senderTag\":\"abc\",\"message\":\"m\"} | malformed request:Decoded AnonymousSenderTag "
                + "has invalid length. Expected 16, but got 3",
        "{\"type\":\"send\",\"recipient\":\"a.b@c\",\"message\":\"m\"} | malformed request:recipient's identity key "
                + "is malformed: invalid key length 1, expected 32",
    })
    void badTextGetsATextErrorAndTheConnectionStaysUp(String input, String message) {
        try (WsPeer peer = WsPeer.connect(sim.clientsUrl())) {
            peer.sendText(input);
            String frame = peer.nextText();
            assertThat(frame).startsWith("{\"type\":\"error\",\"message\":\"");
            assertThat(WsPeer.decode(new WsPeer.Frame.Text(frame))).isEqualTo(
                    new org.nymdir.mixnet.wire.ServerResponse.Error(org.nymdir.mixnet.wire.ErrorKind.MALFORMED_REQUEST,
                            message.substring("malformed request:".length())));
            assertThat(selfAddress(peer, true)).isNotNull();
        }
    }

    @ParameterizedTest(name = "{index}: {1}")
    @CsvSource(delimiter = '|', value = {
        "''            | 00 01 0000000000000010 6e6f20646174612070726f7669646564",
        "09            | 00 03 000000000000002e",
        "0200          | 00 02 000000000000002b",
        "0400          | 00 04 0000000000000031",
    })
    void badBinaryGetsABinaryErrorWithKindByte(String hex, String expectedPrefix) {
        try (WsPeer peer = WsPeer.connect(sim.clientsUrl())) {
            peer.sendBinary(HexFormat.of().parseHex(hex));
            byte[] frame = peer.nextBinary();
            byte[] prefix = HexFormat.of().parseHex(expectedPrefix.replace(" ", ""));
            assertThat(frame).startsWith(prefix);
            assertThat(selfAddress(peer, false)).isNotNull();
        }
    }

    @Test
    void errorsAreCounted() {
        long before = sim.stats().errors();
        try (WsPeer peer = WsPeer.connect(sim.clientsUrl())) {
            peer.sendText("");
            assertThat(peer.nextText()).isEqualTo("{\"type\":\"error\",\"message\":\"malformed request:EOF while "
                    + "parsing a value at line 1 column 0\"}");
        }
        assertThat(sim.stats().errors()).isGreaterThan(before);
    }
}
