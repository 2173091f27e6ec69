package org.nymdir.load.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.nymdir.client.e2e.NymChatContent;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.dialect.json.PythonJson;
import org.nymdir.dialect.v1.V1Wire;
import org.nymdir.mixnet.Inbound;
import org.nymdir.mixnet.NymClientLink;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.vocabulary.Status;

/**
 * Sends the directory requests a nymCHAT client never would, on its own ephemeral nym-client (one sender
 * tag), one at a time, and checks each answer: the exact action, context and error text the protocol
 * reference gives, signed by the directory. Text that is not JSON cannot be answered; it is sent and
 * counted, not waited for.
 */
final class Mallory implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One kind of bad request and the answer it must get. */
    record Case(String name, String request, String action, String context, String content) {}

    private final NymClientLink link;
    private final NymAddress directory;
    private final ECPublicKey directoryKey;
    private final Ecdsa ecdsa;
    private final Duration timeout;
    private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private boolean first = true;

    private Mallory(NymClientLink link, NymAddress directory, ECPublicKey directoryKey, Ecdsa ecdsa,
                    Duration timeout) {
        this.link = link;
        this.directory = directory;
        this.directoryKey = directoryKey;
        this.ecdsa = ecdsa;
        this.timeout = timeout;
    }

    static Mallory connect(URI nymClient, NymAddress directory, ECPublicKey directoryKey, Duration timeout)
            throws InterruptedException {
        NymClientLink link = new NymClientLink(nymClient, 1000, 4 * 1024 * 1024);
        Mallory m = new Mallory(link, directory, directoryKey, Ecdsa.withDefaultProvider(), timeout);
        link.start(m.inbox::add);
        if (link.awaitSelfAddress(Duration.ofSeconds(10)) == null) {
            link.close();
            throw new IllegalStateException("a bad-request client could not reach the local mixnet");
        }
        return m;
    }

    /** The catalogue: malformed, incomplete, mistyped, forged, unknown. {@code user} is a registered name. */
    static List<Case> cases(String user, String otherUser, Random random) {
        String nonce = HexFormat.of().formatHex(randomBytes(random, 8));
        // A send content as a client builds it (empty body): only the signature makes it bad.
        String forged = NymChatContent.sendContent(user, otherUser, obj(), null);
        return List.of(
                new Case("unknown action", render(obj().put("action", "frobnicate-" + nonce)),
                        V1Wire.ERROR, V1Wire.CTX_CHAT, V1Wire.text(Status.UNKNOWN_ACTION)),
                new Case("query without username", render(obj().put("action", V1Wire.QUERY)),
                        V1Wire.QUERY_RESPONSE, V1Wire.CTX_QUERY, V1Wire.text(Status.MISSING_QUERY_USERNAME)),
                new Case("query with a number for a name", render(obj().put("action", V1Wire.QUERY).put("username", 42)),
                        V1Wire.QUERY_RESPONSE, V1Wire.CTX_QUERY, V1Wire.text(Status.MISSING_QUERY_USERNAME)),
                new Case("register a malformed name", render(obj().put("action", V1Wire.REGISTER)
                        .put("usernym", "no spaces " + nonce).put("publicKey", "not a key")),
                        V1Wire.CHALLENGE_RESPONSE, V1Wire.CTX_REGISTRATION, V1Wire.text(Status.INVALID_USERNAME)),
                new Case("loginResponse without login", render(obj().put("action", V1Wire.LOGIN_RESPONSE)
                        .put("username", user).put("signature", nonce)),
                        V1Wire.CHALLENGE_RESPONSE, V1Wire.CTX_LOGIN, V1Wire.text(Status.NO_PENDING_LOGIN)),
                new Case("login of an unknown user", render(obj().put("action", V1Wire.LOGIN)
                        .put("usernym", "nobody-" + nonce)),
                        V1Wire.CHALLENGE_RESPONSE, V1Wire.CTX_LOGIN, V1Wire.text(Status.USER_NOT_FOUND)),
                new Case("send with a forged signature", render(obj().put("action", V1Wire.SEND)
                        .put("content", forged).put("signature", forgedSignature(random))),
                        V1Wire.SEND_RESPONSE, V1Wire.CTX_CHAT, V1Wire.text(Status.INVALID_SIGNATURE)),
                new Case("send whose content is not JSON", render(obj().put("action", V1Wire.SEND)
                        .put("content", "{not json " + nonce).put("signature", nonce)),
                        V1Wire.SEND_RESPONSE, V1Wire.CTX_CHAT, V1Wire.text(Status.INVALID_CONTENT_JSON)),
                new Case("send without signature", render(obj().put("action", V1Wire.SEND).put("content", forged)),
                        V1Wire.SEND_RESPONSE, V1Wire.CTX_CHAT, V1Wire.text(Status.MISSING_CONTENT_OR_SIGNATURE)),
                new Case("ack without ids", render(obj().put("action", V1Wire.ACK)
                        .put("content", "{\"username\": \"" + user + "\"}").put("signature", nonce)),
                        V1Wire.ACK_RESPONSE, V1Wire.CTX_CHAT, V1Wire.text(Status.MISSING_ACK_FIELDS)),
                new Case("unimplemented action", render(obj().put("action", V1Wire.SEND_GROUP)),
                        "sendGroupResponse", V1Wire.CTX_CHAT, V1Wire.text(Status.UNIMPLEMENTED)),
                new Case("not JSON", "this is not json {" + nonce, null, null, null));
    }

    /** What became of one bad request. */
    enum Verdict { OK, UNANSWERED, UNANSWERABLE, WRONG }

    record Result(Verdict verdict, String detail) {}

    /** Sends one bad request and checks its answer. */
    Result run(Case c) throws InterruptedException {
        inbox.clear(); // a late answer to an earlier request must not be taken for this one's
        int surbs = first ? 20 : 10;
        first = false;
        if (link.sendAnonymous(directory, c.request(), surbs).isCompletedExceptionally()) {
            return new Result(Verdict.WRONG, "our nym-client queue is full");
        }
        if (c.content() == null) {
            return new Result(Verdict.UNANSWERABLE, null);
        }
        Inbound in = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (in == null) {
            return new Result(Verdict.UNANSWERED, null);
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(new String(in.message(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            return new Result(Verdict.WRONG, "answer is not JSON");
        }
        String content = reply.path("content").asText(null);
        String signature = reply.path("signature").asText(null);
        if (content == null || signature == null
                || !ecdsa.verifyHex(directoryKey, content.getBytes(StandardCharsets.UTF_8), signature)) {
            return new Result(Verdict.WRONG, "answer not signed by the directory");
        }
        if (!c.action().equals(reply.path("action").asText()) || !c.context().equals(reply.path("context").asText())
                || !c.content().equals(content)) {
            return new Result(Verdict.WRONG, c.name() + " answered " + reply.path("action").asText() + "/"
                    + reply.path("context").asText() + " \"" + content + "\"");
        }
        return new Result(Verdict.OK, null);
    }

    @Override
    public void close() {
        link.close();
    }

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static String render(ObjectNode node) {
        return PythonJson.dumps(node);
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A well-formed DER ECDSA signature that is nobody's: (r, s) random. */
    private static String forgedSignature(Random random) {
        byte[] r = randomBytes(random, 32);
        byte[] s = randomBytes(random, 32);
        r[0] &= 0x7f;
        s[0] &= 0x7f;
        r[0] |= 0x01;
        s[0] |= 0x01;
        byte[] der = new byte[2 + 2 + 32 + 2 + 32];
        der[0] = 0x30;
        der[1] = 68;
        der[2] = 0x02;
        der[3] = 32;
        System.arraycopy(r, 0, der, 4, 32);
        der[36] = 0x02;
        der[37] = 32;
        System.arraycopy(s, 0, der, 38, 32);
        return HexFormat.of().formatHex(der);
    }
}
