package org.nymdir.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Requests as the Python client's {@code json.dumps} renders them: key order, separators, escapes. */
class RequestsTest {
    private static final String PEM = "-----BEGIN PUBLIC KEY-----\nAB/C+\n-----END PUBLIC KEY-----\n";

    @Test
    void renderLikePython() {
        assertThat(Requests.register("al-ice_1", PEM)).isEqualTo("{\"action\": \"register\", \"usernym\": \"al-ice_1\","
                + " \"publicKey\": \"-----BEGIN PUBLIC KEY-----\\nAB/C+\\n-----END PUBLIC KEY-----\\n\"}");
        assertThat(Requests.registrationResponse("a", "3045ff")).isEqualTo(
                "{\"action\": \"registrationResponse\", \"username\": \"a\", \"signature\": \"3045ff\"}");
        assertThat(Requests.login("a")).isEqualTo("{\"action\": \"login\", \"usernym\": \"a\"}");
        assertThat(Requests.loginResponse("a", "30")).isEqualTo(
                "{\"action\": \"loginResponse\", \"username\": \"a\", \"signature\": \"30\"}");
        assertThat(Requests.query("b")).isEqualTo("{\"action\": \"query\", \"username\": \"b\"}");
        assertThat(Requests.send("{\"sender\": \"a\"}", "30")).isEqualTo(
                "{\"action\": \"send\", \"content\": \"{\\\"sender\\\": \\\"a\\\"}\", \"signature\": \"30\"}");
        assertThat(Requests.ack(Requests.ackContent("a", java.util.List.of("00ff", "11ee")), "30")).isEqualTo(
                "{\"action\": \"ack\", \"content\": \"{\\\"username\\\": \\\"a\\\", \\\"ids\\\": [\\\"00ff\\\","
                + " \\\"11ee\\\"]}\", \"signature\": \"30\"}");
        assertThat(Envelope.direct("h\u00e9", "30")).isEqualTo(
                "{\"action\": \"incomingMessage\", \"content\": \"h\\u00e9\", \"context\": \"chat\", "
                        + "\"signature\": \"30\"}");
    }

    @Test
    void envelopesParseOnlyWithStringFields() {
        assertThat(Envelope.parse("{\"action\": \"a\", \"content\": \"c\", \"context\": \"x\", \"signature\": \"s\"}"))
                .isEqualTo(new Envelope("a", "c", "x", "s"));
        assertThat(Envelope.parse("{\"action\": \"a\", \"content\": 5, \"context\": \"x\"}")).isNull();
        assertThat(Envelope.parse("[1]")).isNull();
        assertThat(Envelope.parse("not json")).isNull();
        assertThat(new Envelope("a", "secret text", "x", "sig").toString()).doesNotContain("secret", "sig\"");
    }
}
