package org.nymdir.dialect.json;

import org.nymdir.client.e2e.NymChatContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.nymdir.testing.Fixtures;

class PythonJsonTest {
    private static final JsonNode NYMCHAT = Fixtures.nymchat();
    private static final JsonNode E2E = NYMCHAT.get("e2e_message");

    @Test
    void rendersEveryFixtureAsPythonDoes() throws Exception {
        for (JsonNode rendering : NYMCHAT.get("json_dumps_renderings")) {
            JsonNode value = Fixtures.JSON.readTree(rendering.get("value_as_json").asText());
            assertThat(PythonJson.dumps(value)).isEqualTo(rendering.get("python_json_dumps").asText());
        }
    }

    @Test
    void rendersTheStringThatPayloadSignatureSigns() {
        assertThat(PythonJson.dumps(E2E.get("body").get("encryptedPayload")))
                .isEqualTo(E2E.get("payload_signature_signs_this_string").asText());
    }

    @Test
    void rendersTheSendRequestContentAsThePythonClientDoes() throws Exception {
        String content = E2E.get("send_request_content").asText();
        assertThat(PythonJson.dumps(Fixtures.JSON.readTree(content))).isEqualTo(content);
        assertThat(NymChatContent.sendContent("alice", "bob", E2E.get("body"),
                E2E.get("sender_public_key_pem").asText()))
                .isEqualTo(content);
    }

    @Test
    void rendersThePlaintextAsThePythonClientDoes() {
        assertThat(NymChatContent.plaintext(NymChatContent.CHAT, "Hello Bob, h\u00e9llo \uD83D\uDE00"))
                .isEqualTo(E2E.get("plaintext_json").asText());
    }

    @Test
    void rendersStringsAsPythonDoesIncludingLoneSurrogates() {
        for (JsonNode s : Fixtures.pythonInterop().get("strings")) {
            StringBuilder text = new StringBuilder();
            s.get("utf16").forEach(unit -> text.append((char) unit.asInt()));
            assertThat(PythonJson.dumps(TextNode.valueOf(text.toString()))).isEqualTo(s.get("dumps").asText());
        }
    }

    @Test
    void rendersFloatsAsPythonsRepr() {
        for (JsonNode f : Fixtures.pythonInterop().get("floats")) {
            double value = Double.longBitsToDouble(HexFormat.fromHexDigitsToLong(f.get("bits").asText()));
            assertThat(PythonFloat.repr(value)).as("bits %s", f.get("bits").asText())
                    .isEqualTo(f.get("dumps").asText());
        }
    }

    @Test
    void numbersKeepTheirPythonType() throws Exception {
        JsonNodeFactory json = JsonNodeFactory.instance;
        assertThat(PythonJson.dumps(Fixtures.JSON.readTree("[1, -0, 1.0, 1e5, -0.0, 12345678901234567890123, 1e400]")))
                .isEqualTo("[1, 0, 1.0, 100000.0, -0.0, 12345678901234567890123, Infinity]");
        assertThat(PythonJson.dumps(json.numberNode(new BigDecimal("0.1")))).isEqualTo("0.1");
        assertThat(PythonJson.dumps(json.numberNode(new BigInteger("-99999999999999999999"))))
                .isEqualTo("-99999999999999999999");
        assertThat(PythonJson.dumps(json.numberNode(Double.NaN))).isEqualTo("NaN");
        assertThat(PythonJson.dumps(json.numberNode(Double.NEGATIVE_INFINITY))).isEqualTo("-Infinity");
    }

    @Test
    void keepsKeyOrderAndDuplicateKeysAsAPythonDict() throws Exception {
        assertThat(PythonJson.dumps(Fixtures.JSON.readTree("{\"b\": 1, \"a\": 2, \"b\": 3}")))
                .isEqualTo("{\"b\": 3, \"a\": 2}");
    }

    @Test
    void refusesNodesThatAreNotJson() {
        assertThatThrownBy(() -> PythonJson.dumps(JsonNodeFactory.instance.binaryNode(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
