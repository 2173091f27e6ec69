package org.nymdir.sim.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nymdir.mixnet.wire.ErrorKind;
import org.nymdir.mixnet.wire.WireException;

/**
 * Every bad text request gets the error a nym-client gives: kind MalformedRequest and serde_json's text.
 *
 * <p>Where the wording comes from, and how sure we are:
 * <ul>
 *   <li>Exact (derived from serde's and serde_json's code paths for an internally tagged enum at the top level):
 *       unknown variant, invalid type of the top-level value or of {@code type}, duplicate {@code type},
 *       missing {@code type} (all with " at line L column C"); missing field, invalid type/value of a field and
 *       duplicate field (all <em>without</em> a position: serde reads the variant's fields from its buffer, so
 *       the reference's example "missing field `replySurbs` at line 1 column 62" cannot happen for a top-level
 *       request); trailing characters; recipient and sender tag errors.</li>
 *   <li>Approximate: other JSON syntax errors are translated from Jackson's by category (expected value,
 *       key must be a string, EOF while parsing ..., trailing comma, expected `:`), with Jackson's position.
 *       The cases below were checked against serde_json's rules by hand; exotic inputs may differ in wording.</li>
 *   <li>Not reproduced: lone surrogate escapes (serde_json rejects them, Jackson accepts them).</li>
 * </ul>
 */
class TextRequestErrorsTest {
    static final String ADDR = BinaryWireTest.ADDRESS.text();
    static final String VARIANTS = "expected one of `send`, `sendAnonymous`, `reply`, `selfAddress`";

    @ParameterizedTest(name = "{index}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''                                   | EOF while parsing a value at line 1 column 0",
        "'   '                                | EOF while parsing a value at line 1 column 3",
        "{\"type\":\"foo\"}                   | unknown variant `foo`, " + VARIANTS + " at line 1 column 13",
        "{\"type\": \"foo\" }                 | unknown variant `foo`, " + VARIANTS + " at line 1 column 14",
        "{\"type\":\"closedConnection\",\"connectionId\":1} | unknown variant `closedConnection`, " + VARIANTS
                + " at line 1 column 26",
        "{\"type\":\"getLaneQueueLength\"}    | unknown variant `getLaneQueueLength`, " + VARIANTS
                + " at line 1 column 28",
        "{\"type\":\"Send\"}                  | unknown variant `Send`, " + VARIANTS + " at line 1 column 14",
        "{\"type\":\"fö\"}                    | unknown variant `fö`, " + VARIANTS + " at line 1 column 13",
        "{\"message\":\"hi\"}                 | missing field `type` at line 1 column 16",
        "{}                                   | missing field `type` at line 1 column 2",
        "[]                                   | missing field `type` at line 1 column 2",
        "{\"type\":5}                         | invalid type: integer `5`, expected variant identifier at line 1 column 9",
        "{\"type\":null}                      | invalid type: null, expected variant identifier at line 1 column 12",
        "{\"type\":{}}                        | invalid type: map, expected variant identifier at line 1 column 8",
        "{\"type\":[\"send\"]}                | invalid type: sequence, expected variant identifier at line 1 column 8",
        "\"hello\"                            | invalid type: string \"hello\", expected internally tagged enum "
                + "ClientRequestText at line 1 column 7",
        "42                                   | invalid type: integer `42`, expected internally tagged enum "
                + "ClientRequestText at line 1 column 2",
        "-1.5                                 | invalid type: floating point `-1.5`, expected internally tagged enum "
                + "ClientRequestText at line 1 column 4",
        "true                                 | invalid type: boolean `true`, expected internally tagged enum "
                + "ClientRequestText at line 1 column 4",
        "{\"type\":\"selfAddress\",\"type\":\"send\"} | duplicate field `type` at line 1 column 28",
        "{\"type\":\"selfAddress\"} x         | trailing characters at line 1 column 24",
        "{\"type\":\"send\",\"message\":\"hi\"} | missing field `recipient`",
        "{\"type\":\"send\"}                  | missing field `message`",
        "{\"type\":\"sendAnonymous\",\"message\":\"hi\"} | missing field `recipient`",
        "{\"type\":\"reply\",\"message\":\"hi\"} | missing field `senderTag`",
        "{\"type\":\"send\",\"message\":5,\"recipient\":\"x\"} | invalid type: integer `5`, expected a string",
        "{\"type\":\"send\",\"message\":{\"a\":1}} | invalid type: map, expected a string",
        "{\"type\":\"send\",\"message\":[1]}  | invalid type: sequence, expected a string",
        "{\"type\":\"send\",\"message\":null} | invalid type: null, expected a string",
        "{\"type\":\"send\",\"message\":\"a\",\"message\":\"b\"} | duplicate field `message`",
        "{\"type\":\"send\",\"message\":\"a\",\"recipient\":\"x\",\"connectionId\":\"7\"} | invalid type: string \"7\", "
                + "expected u64",
        "{\"type\":\"send\",\"message\":\"a\",\"recipient\":\"x\",\"connectionId\":-1} | invalid value: integer `-1`, "
                + "expected u64",
        "{\"type\":\"send\",\"message\":\"a\",\"recipient\":\"x\",\"connectionId\":1.0} | invalid type: floating point "
                + "`1.0`, expected u64",
        "{\"type\":\"sendAnonymous\",\"recipient\":\"x\",\"message\":\"a\",\"replySurbs\":-1} | invalid value: "
                + "integer `-1`, expected u32",
        "{\"type\":\"sendAnonymous\",\"recipient\":\"x\",\"message\":\"a\",\"replySurbs\":4294967296} | invalid value: "
                + "integer `4294967296`, expected u32",
        "{\"type\":\"sendAnonymous\",\"recipient\":\"x\",\"message\":\"a\",\"replySurbs\":1e20} | invalid type: "
                + "floating point `1e20`, expected u32",
        "{\"type\":\"sendAnonymous\",\"recipient\":\"x\",\"message\":\"a\",\"replySurbs\":18446744073709551616} | "
                + "invalid type: floating point `1.8446744073709552e19`, expected u32",
        "{\"type\":\"sendAnonymous\",\"recipient\":\"x\",\"message\":\"a\",\"replySurbs\":\"10\"} | invalid type: "
                + "string \"10\", expected u32",
        "{\"type\":\"sendAnonymous\",\"recipient\":\"x\",\"message\":\"a\"} | missing field `replySurbs`",
        "{\"type\":\"reply\",\"senderTag\":\"0abc\",\"message\":\"x\"} | Failed to decode the base58-encoded string - "
                + "provided string contained invalid character '0' at byte 0",
        "{\"type\":\"reply\",\"senderTag\":\"\",\"message\":\"x\"} | Decoded AnonymousSenderTag has invalid length. "
                + "Expected 16, but got 0",
        "[\"send\",\"hi\"]                    | invalid length 1, expected struct variant ClientRequestText::Send "
                + "with 3 elements",
        // syntax errors: category and position translated from Jackson (see class comment)
        "hello                                | expected value at line 1 column 1",
        "{\"type\":\"send\"                   | EOF while parsing an object at line 1 column 14",
        "{\"type\":                           | EOF while parsing a value at line 1 column 8",
        "{\"type\":\"sen                      | EOF while parsing a string at line 1 column 12",
        "[                                    | EOF while parsing a list at line 1 column 1",
        "{\"type\" \"send\"}                  | expected `:` at line 1 column 9",
        "{\"type\":\"send\",}                 | trailing comma at line 1 column 16",
        "{\"type\":\"send\" \"x\":1}          | expected `,` or `}` at line 1 column 16",
        "{type:1}                             | key must be a string at line 1 column 2",
        "{\"a\":[1 2]}                        | expected `,` or `]` at line 1 column 9",
        "{\"a\":01}                           | invalid number at line 1 column 7",
    })
    void badTextRequests(String input, String detail) {
        assertThatThrownBy(() -> ServerWire.fromText(input)).isInstanceOfSatisfying(WireException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_REQUEST);
            assertThat(e.detail()).isEqualTo(detail);
            assertThat(ServerWire.toText(e.toResponse())).startsWith("{\"type\":\"error\",\"message\":\"malformed request:");
        });
    }

    @Test
    void badRecipientsKeepNymClientsTrailingSpace() {
        String prefix = "recipient is malformed - the string address does not contain exactly a single ";
        expect("{\"type\":\"send\",\"recipient\":\"abc\",\"message\":\"hi\"}", prefix + "'@' character ");
        expect("{\"type\":\"sendAnonymous\",\"recipient\":\"a@b\",\"message\":\"hi\",\"replySurbs\":1}",
                prefix + "'.' character ");
        expect("{\"type\":\"send\",\"recipient\":\"a.b@c\",\"message\":\"hi\"}",
                "recipient's identity key is malformed: invalid key length 1, expected 32");
    }

    @Test
    void brokenLiterals() {
        expect("{\"type\":\"selfAddress\",\"x\":trux}", "expected ident at line 1 column 30");
        expect("{\"type\":\"selfAddress\",\"x\":nul", "EOF while parsing a value at line 1 column 29");
    }

    private static void expect(String input, String detail) {
        assertThatThrownBy(() -> ServerWire.fromText(input)).isInstanceOfSatisfying(WireException.class,
                e -> assertThat(e.detail()).isEqualTo(detail));
    }

    @Test
    void positionsCountLinesAndBytes() {
        assertThatThrownBy(() -> ServerWire.fromText("{\n  \"type\": \"nope\"\n}"))
                .hasMessageEndingWith(" at line 2 column 16");
    }

    @Test
    void controlCharactersInStrings() {
        assertThatThrownBy(() -> ServerWire.fromText("{\"type\":\"a\nb\"}")).isInstanceOfSatisfying(
                WireException.class, e -> assertThat(e.detail())
                        .startsWith("control character (\\u0000-\\u001F) found while parsing a string at line "));
    }

    @Test
    void nestingIsBoundedLikeSerdeJson() {
        String deep = "{\"type\":\"selfAddress\",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}";
        assertThatThrownBy(() -> ServerWire.fromText(deep)).isInstanceOfSatisfying(WireException.class,
                e -> assertThat(e.detail()).startsWith("recursion limit exceeded at line 1 column "));
        String ok = "{\"type\":\"selfAddress\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertThat(catchDecode(ok)).isNull();
    }

    private static Throwable catchDecode(String s) {
        try {
            ServerWire.fromText(s);
            return null;
        } catch (WireException e) {
            return e;
        }
    }
}
