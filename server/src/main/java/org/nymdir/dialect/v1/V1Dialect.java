package org.nymdir.dialect.v1;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nymdir.crypto.Signer;
import org.nymdir.dialect.DecodeResult;
import org.nymdir.dialect.Dialect;
import org.nymdir.dialect.json.PythonJson;
import org.nymdir.dialect.json.PythonJsonReader;
import org.nymdir.directory.AccountContent;
import org.nymdir.directory.AckContent;
import org.nymdir.directory.Reply;
import org.nymdir.directory.Request;
import org.nymdir.directory.SendContent;
import org.nymdir.directory.Topic;
import org.nymdir.vocabulary.Status;

/**
 * The nymCHAT v1 dialect: the flat JSON requests that deployed nymCHAT clients send, and the signed
 * {@code {action, content, context, signature}} replies they expect, rendered byte for byte as the original
 * Python server rendered them. Spec: {@code docs/protocol/nymchat-v1.md}.
 */
public final class V1Dialect implements Dialect {
    /** Default bound on one request's size in UTF-8 bytes. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
    /** Bound on JSON nesting: a chat body nests four levels; anything near this is an attack. */
    public static final int MAX_NESTING_DEPTH = 32;

    private final PythonJsonReader json;
    private final SendContentReader contentReader;
    private final Signer signer;
    private final int maxRequestBytes;
    /** Every signed result reply made so far, by (topic, status): a few hundred at most. */
    private final Map<Reply.Result, String> results = new ConcurrentHashMap<>();

    public V1Dialect(Signer signer, int maxRequestBytes) {
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1024");
        }
        JsonFactory factory = jsonFactory(maxRequestBytes);
        this.json = new PythonJsonReader(factory);
        this.contentReader = new SendContentReader(json);
        this.signer = signer;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The factory of every parse: nymdir's bounds, Python's non-numbers (the rest of Python's rules in the reader). */
    static JsonFactory jsonFactory(int maxRequestBytes) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(maxRequestBytes)
                        .maxNumberLength(100)
                        .build())
                // Python's json.loads accepts NaN, Infinity and -Infinity; PythonJsonParser refuses the other
                // spellings this lets through, so exactly Python's are read.
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // Requests run on virtual threads: Jackson's default per-thread buffer
                // recycling never reuses a buffer there (about 10 KB allocated per parse); a shared pool does.
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build();
    }

    @Override
    public DecodeResult decode(String text) {
        // Cheap bound first: a UTF-8 byte is at least one char, so over-long text is rejected unparsed.
        if (text.length() > maxRequestBytes || utf8Length(text) > maxRequestBytes) {
            return new DecodeResult.Rejected(new Reply.Result(Topic.UNKNOWN, Status.REQUEST_TOO_LARGE),
                    "request of " + text.length() + " chars exceeds " + maxRequestBytes + " bytes");
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (StreamConstraintsException e) {
            // Python would have read it; nymdir bounds nesting and number length, and says so.
            return new DecodeResult.Rejected(new Reply.Result(Topic.UNKNOWN, Status.JSON_BEYOND_BOUNDS),
                    "request beyond the JSON bounds (nesting or number length)");
        } catch (IOException e) {
            return new DecodeResult.Dropped("not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            return new DecodeResult.Dropped("not a JSON object");
        }
        return new DecodeResult.Decoded(toRequest(root));
    }

    private Request toRequest(JsonNode root) {
        String action = field(root, "action");
        if (action == null) {
            return new Request.Unknown();
        }
        return switch (action) {
            case V1Wire.REGISTER -> new Request.Register(field(root, "usernym"), field(root, "publicKey"));
            case V1Wire.REGISTRATION_RESPONSE -> new Request.RegistrationResponse(field(root, "signature"),
                    field(root, V1Wire.WORK));
            case V1Wire.LOGIN -> new Request.Login(field(root, "usernym"));
            case V1Wire.LOGIN_RESPONSE -> new Request.LoginResponse(field(root, "signature"));
            case V1Wire.QUERY -> new Request.Query(field(root, "username"));
            case V1Wire.SEND -> {
                String content = field(root, "content");
                yield new Request.Send(content, field(root, "signature"),
                        content == null ? new SendContent.NotJson()
                                : contentReader.read(content));
            }
            case V1Wire.ACK -> {
                String content = field(root, "content");
                yield new Request.Ack(content, field(root, "signature"),
                        content == null ? new AckContent.NotJson() : AckContentReader.read(json, content));
            }
            case V1Wire.ROTATE_KEY -> {
                String content = field(root, "content");
                yield new Request.RotateKey(content, field(root, "signature"), field(root, "newSignature"),
                        content == null ? new AccountContent.NotJson()
                                : AccountContentReader.read(json, content, V1Wire.ROTATE_KEY));
            }
            case V1Wire.DELETE_ACCOUNT -> {
                String content = field(root, "content");
                yield new Request.DeleteAccount(content, field(root, "signature"),
                        content == null ? new AccountContent.NotJson()
                                : AccountContentReader.read(json, content, V1Wire.DELETE_ACCOUNT));
            }
            case V1Wire.UPDATE -> new Request.Unimplemented(Topic.UPDATE);
            case V1Wire.SEND_GROUP -> new Request.Unimplemented(Topic.SEND_GROUP);
            case V1Wire.CREATE_GROUP -> new Request.Unimplemented(Topic.CREATE_GROUP);
            case V1Wire.INVITE_GROUP -> new Request.Unimplemented(Topic.INVITE_GROUP);
            default -> new Request.Unknown();
        };
    }

    /** A non-empty string field, or null (absent, empty, or another type all count as missing). */
    private static String field(JsonNode root, String name) {
        JsonNode node = root.get(name);
        return node != null && node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }

    @Override
    public String encode(Reply reply) {
        String action;
        String content;
        switch (reply) {
            case Reply.Challenge c -> {
                action = V1Wire.CHALLENGE;
                StringBuilder b = PythonJson.writeString(c.nonce(), new StringBuilder("{\"nonce\": "));
                if (c.workBits() > 0) {
                    // nymdir extension: the registration puzzle. v1 clients read only the nonce.
                    b.append(", \"").append(V1Wire.WORK).append("\": {\"scheme\": \"").append(V1Wire.WORK_SCHEME)
                            .append("\", \"bits\": ").append(c.workBits()).append('}');
                }
                content = b.append('}').toString();
            }
            case Reply.Result r -> {
                // A constant content in a constant envelope: signed once, then reused (refusals cost no ECDSA).
                return results.computeIfAbsent(r, k -> envelope(V1Wire.resultAction(k.topic()), V1Wire.text(k.status()),
                        V1Wire.context(k.topic())));
            }
            case Reply.UserFound u -> {
                action = V1Wire.QUERY_RESPONSE;
                StringBuilder b = new StringBuilder("{\"username\": ");
                PythonJson.writeString(u.username(), b).append(", \"publicKey\": ");
                content = PythonJson.writeString(u.publicKeyPem(), b).append('}').toString();
            }
            case Reply.Incoming i -> {
                action = V1Wire.INCOMING_MESSAGE;
                content = incomingContent(i);
            }
        }
        return envelope(action, content, V1Wire.context(reply.topic()));
    }

    /** {@code {"sender": S, "body": B, "senderPublicKey": K, "id": ID}} with B and K copied verbatim. */
    private static String incomingContent(Reply.Incoming i) {
        StringBuilder b = new StringBuilder(i.rawBody().length() + 256);
        PythonJson.writeString(i.sender(), b.append("{\"sender\": "));
        b.append(", \"body\": ").append(i.rawBody());
        if (i.rawSenderPublicKey() != null) {
            b.append(", \"senderPublicKey\": ").append(i.rawSenderPublicKey());
        }
        if (i.messageId() != null) {
            // nymdir extension: the id to ack. The Python client ignores keys it does not know.
            PythonJson.writeString(i.messageId(), b.append(", \"id\": "));
        }
        return b.append('}').toString();
    }

    private String envelope(String action, String content, String context) {
        String signature = signer.signHex(content.getBytes(StandardCharsets.UTF_8));
        StringBuilder b = new StringBuilder(content.length() * 11 / 10 + 256);
        PythonJson.writeString(action, b.append("{\"action\": "));
        PythonJson.writeString(content, b.append(", \"content\": "));
        PythonJson.writeString(context, b.append(", \"context\": "));
        PythonJson.writeString(signature, b.append(", \"signature\": "));
        return b.append('}').toString();
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
