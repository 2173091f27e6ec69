package org.nymdir.dialect.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.dialect.DecodeResult;
import org.nymdir.directory.AckContent;
import org.nymdir.directory.Reply;
import org.nymdir.directory.Request;
import org.nymdir.directory.SendContent;
import org.nymdir.directory.Topic;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.TestUser;
import org.nymdir.vocabulary.Status;

class V1DialectTest {
    private static final TestUser SERVER = TestUser.named("server");
    private final V1Dialect dialect = new V1Dialect(SERVER::signBytes, 4096);

    private Request decode(String text) {
        return ((DecodeResult.Decoded) dialect.decode(text)).request();
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("{\"action\": \"register\", \"usernym\": \"alice\", \"publicKey\": \"PEM\"}",
                        new Request.Register("alice", "PEM")),
                Arguments.of("{\"action\": \"register\", \"usernym\": 5, \"publicKey\": \"\"}",
                        new Request.Register(null, null)),
                Arguments.of("{\"action\": \"registrationResponse\", \"username\": \"x\", \"signature\": \"ab\"}",
                        new Request.RegistrationResponse("ab")),
                Arguments.of("{\"action\": \"login\", \"usernym\": \"alice\"}", new Request.Login("alice")),
                Arguments.of("{\"action\": \"login\", \"usernym\": [\"alice\"]}", new Request.Login(null)),
                Arguments.of("{\"action\": \"loginResponse\", \"signature\": {}}", new Request.LoginResponse(null)),
                Arguments.of("{\"action\": \"query\", \"username\": \"bob\"}", new Request.Query("bob")),
                Arguments.of("{\"action\": \"query\"}", new Request.Query(null)),
                Arguments.of("{\"action\": \"send\", \"signature\": \"ab\"}",
                        new Request.Send(null, "ab", new SendContent.NotJson())),
                Arguments.of("{\"action\": \"send\", \"content\": 7, \"signature\": \"ab\"}",
                        new Request.Send(null, "ab", new SendContent.NotJson())),
                Arguments.of("{\"action\": \"send\", \"content\": \"{\\\"sender\\\": \\\"a\\\", \\\"recipient\\\": \\\"b\\\"}\", \"signature\": \"ab\"}",
                        new Request.Send("{\"sender\": \"a\", \"recipient\": \"b\"}", "ab",
                                new SendContent.Message("a", "b", "null", null))),
                Arguments.of("{\"action\": \"ack\", \"content\": \"{\\\"username\\\": \\\"bob\\\", \\\"ids\\\": []}\", \"signature\": \"ab\"}",
                        new Request.Ack("{\"username\": \"bob\", \"ids\": []}", "ab", new AckContent.Ids("bob", List.of()))),
                Arguments.of("{\"action\": \"ack\", \"content\": \"{\\\"username\\\": \\\"bob\\\", \\\"ids\\\": [\\\"" + "a1".repeat(16) + "\\\", \\\"x\\\", 5]}\", \"signature\": \"ab\"}",
                        new Request.Ack("{\"username\": \"bob\", \"ids\": [\"" + "a1".repeat(16) + "\", \"x\", 5]}", "ab",
                                new AckContent.Ids("bob", List.of("a1".repeat(16))))),
                Arguments.of("{\"action\": \"ack\", \"content\": \"{\\\"ids\\\": []}\", \"signature\": \"ab\"}",
                        new Request.Ack("{\"ids\": []}", "ab", new AckContent.Missing())),
                Arguments.of("{\"action\": \"ack\", \"content\": \"nope\", \"signature\": \"ab\"}",
                        new Request.Ack("nope", "ab", new AckContent.NotJson())),
                Arguments.of("{\"action\": \"update\"}", new Request.Unimplemented(Topic.UPDATE)),
                Arguments.of("{\"action\": \"sendGroup\"}", new Request.Unimplemented(Topic.SEND_GROUP)),
                Arguments.of("{\"action\": \"createGroup\"}", new Request.Unimplemented(Topic.CREATE_GROUP)),
                Arguments.of("{\"action\": \"inviteGroup\"}", new Request.Unimplemented(Topic.INVITE_GROUP)),
                Arguments.of("{\"action\": \"presenceUpdate\"}", new Request.Unknown()),
                Arguments.of("{\"action\": 3}", new Request.Unknown()),
                Arguments.of("{}", new Request.Unknown()));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void decodesEveryAction(String text, Request expected) {
        assertThat(decode(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1]", "42", "\"x\"", "{\"action\": \"query\"", "null"})
    void dropsWhatIsNotAJsonObject(String text) {
        assertThat(dialect.decode(text)).isInstanceOf(DecodeResult.Dropped.class);
    }

    @Test
    void dropsDeepNesting() {
        String deep = "{\"a\": " + "[".repeat(40) + "]".repeat(40) + "}";
        assertThat(dialect.decode(deep)).isInstanceOf(DecodeResult.Dropped.class);
    }

    @Test
    void rejectsOversizeRequestsWithAnAnswer() {
        String big = "{\"action\": \"query\", \"username\": \"" + "é".repeat(2100) + "\"}";
        DecodeResult r = dialect.decode(big);
        assertThat(r).isInstanceOf(DecodeResult.Rejected.class);
        String reply = dialect.encode(((DecodeResult.Rejected) r).reply());
        assertThat(reply).startsWith("{\"action\": \"error\", \"content\": \"error: request too large\", \"context\": \"chat\"");
    }

    @Test
    void repliesAreRenderedLikeTheOriginalAndSignedOverTheirContent() throws Exception {
        String reply = dialect.encode(new Reply.Result(Topic.REGISTRATION, Status.SUCCESS));
        JsonNode n = Fixtures.JSON.readTree(reply);
        assertThat(reply).isEqualTo("{\"action\": \"challengeResponse\", \"content\": \"success\", \"context\": "
                + "\"registration\", \"signature\": \"" + n.get("signature").textValue() + "\"}");
        assertThat(Ecdsa.withDefaultProvider().verifyHex(SERVER.keys().publicKey(),
                "success".getBytes(StandardCharsets.UTF_8), n.get("signature").textValue())).isTrue();
    }

    @Test
    void challengeAndLookupContentAreJsonInsideTheString() throws Exception {
        JsonNode challenge = Fixtures.JSON.readTree(dialect.encode(new Reply.Challenge(Topic.LOGIN, "ab".repeat(16))));
        assertThat(challenge.get("action").textValue()).isEqualTo("challenge");
        assertThat(challenge.get("context").textValue()).isEqualTo("login");
        assertThat(challenge.get("content").textValue()).isEqualTo("{\"nonce\": \"" + "ab".repeat(16) + "\"}");

        String pem = "-----BEGIN PUBLIC KEY-----\nAB\n-----END PUBLIC KEY-----\n";
        JsonNode found = Fixtures.JSON.readTree(dialect.encode(new Reply.UserFound("bob", pem)));
        assertThat(found.get("action").textValue()).isEqualTo("queryResponse");
        assertThat(found.get("context").textValue()).isEqualTo("query");
        assertThat(found.get("content").textValue())
                .isEqualTo("{\"username\": \"bob\", \"publicKey\": \"-----BEGIN PUBLIC KEY-----\\nAB\\n-----END PUBLIC KEY-----\\n\"}");
    }

    @Test
    void forwardedFixtureBodyIsIdenticalToTheSentOne() throws Exception {
        JsonNode e2e = Fixtures.nymchat().get("e2e_message");
        String content = e2e.get("send_request_content").textValue();
        String request = Fixtures.JSON.createObjectNode().put("action", "send").put("content", content)
                .put("signature", e2e.get("send_request_signature_by_sender_over_content").textValue()).toString();
        SendContent.Message m = (SendContent.Message) ((Request.Send) decode(request)).message();
        JsonNode forward = Fixtures.JSON.readTree(dialect.encode(new Reply.Incoming("alice", m.rawBody(), m.rawSenderPublicKey(), null)));
        assertThat(forward.get("action").textValue()).isEqualTo("incomingMessage");
        assertThat(forward.get("context").textValue()).isEqualTo("chat");
        String forwarded = forward.get("content").textValue();
        String sentBody = content.substring(content.indexOf("\"body\": ") + 8, content.indexOf(", \"encrypted\""));
        assertThat(forwarded).isEqualTo("{\"sender\": \"alice\", \"body\": " + sentBody + ", \"senderPublicKey\": "
                + Fixtures.JSON.writeValueAsString(e2e.get("sender_public_key_pem").textValue()) + "}");
    }

    @Test
    void everyStatusHasAnErrorStringExceptSuccessAndNotFound() {
        for (Status s : Status.values()) {
            String text = V1Wire.text(s);
            if (s == Status.SUCCESS) {
                assertThat(text).isEqualTo("success");
            } else if (s == Status.NO_USER_FOUND) {
                assertThat(text).isEqualTo("No user found");
            } else {
                assertThat(text).as(s.name()).startsWith("error: ");
            }
        }
    }
}
