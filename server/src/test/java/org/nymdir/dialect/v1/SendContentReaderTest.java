package org.nymdir.dialect.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nymdir.dialect.json.PythonJsonReader;
import org.nymdir.directory.SendContent;

class SendContentReaderTest {
    private final SendContentReader reader = new SendContentReader(
            new PythonJsonReader(V1Dialect.jsonFactory(V1Dialect.DEFAULT_MAX_REQUEST_BYTES)));

    @Test
    void fixtureMessageBodyIsCopiedCharacterForCharacter() throws Exception {
        JsonNode e2e;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/nymchat-vectors.json")) {
            e2e = new ObjectMapper().readTree(in).get("e2e_message");
        }
        String content = e2e.get("send_request_content").textValue();
        SendContent.Message m = (SendContent.Message) reader.read(content);
        assertThat(m.sender()).isEqualTo("alice");
        assertThat(m.recipient()).isEqualTo("bob");
        String bodyStart = content.substring(content.indexOf("\"body\": ") + 8);
        assertThat(bodyStart).startsWith(m.rawBody());
        assertThat(m.rawBody()).startsWith("{\"encryptedPayload\": {").endsWith("cccd1\"}");
        assertThat(new ObjectMapper().readTree(m.rawBody())).isEqualTo(e2e.get("body"));
        assertThat(m.rawSenderPublicKey()).isEqualTo(
                new ObjectMapper().writeValueAsString(e2e.get("sender_public_key_pem").textValue()));
    }

    @Test
    void scalarsAndEscapesAreKeptAsSpelled() {
        String content = "{\"sender\":\"a\",\"body\":1.50e0,\"recipient\":\"b\",\"senderPublicKey\":\"\\u00e9\\n\"}";
        SendContent.Message m = (SendContent.Message) reader.read(content);
        assertThat(m.rawBody()).isEqualTo("1.50e0");
        assertThat(m.rawSenderPublicKey()).isEqualTo("\"\\u00e9\\n\"");
    }

    @Test
    void absentBodyForwardsAsNullAndLaterDuplicatesWin() {
        SendContent.Message m = (SendContent.Message) reader.read(
                "{\"sender\": \"x\", \"recipient\": \"b\", \"sender\": \"a\"}");
        assertThat(m.sender()).isEqualTo("a");
        assertThat(m.rawBody()).isEqualTo("null");
        assertThat(m.rawSenderPublicKey()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "{\"sender\": \"a\"} trailing", "{\"a\": [1, 2}"})
    void malformedContentIsNotJson(String content) {
        assertThat(reader.read(content)).isInstanceOf(SendContent.NotJson.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "42", "\"text\"", "{}", "{\"sender\": \"a\"}",
        "{\"sender\": \"\", \"recipient\": \"b\"}", "{\"sender\": 5, \"recipient\": \"b\"}",
        "{\"sender\": {\"x\": 1}, \"recipient\": \"b\"}"})
    void contentWithoutUsablePartiesIsMissingParties(String content) {
        assertThat(reader.read(content)).isInstanceOf(SendContent.MissingParties.class);
    }
}
