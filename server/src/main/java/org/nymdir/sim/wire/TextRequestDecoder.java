package org.nymdir.sim.wire;

import static org.nymdir.mixnet.wire.ErrorKind.MALFORMED_REQUEST;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.SerdeJson;
import org.nymdir.mixnet.wire.WireException;

/**
 * Decodes a text request the way nym-client does: serde_json into an internally tagged enum
 * ({@code #[serde(tag = "type")]}), then the recipient or tag parse. Errors carry serde_json's wording.
 *
 * <p>How serde behaves here, and so do we: the object is read entry by entry; the {@code type} value is checked
 * as soon as it is read (unknown variant, wrong type, a second {@code type}) and those errors carry a position,
 * as do JSON syntax errors and {@code missing field `type`}. The other entries are buffered and then read into
 * the variant's fields; errors there ({@code missing field `replySurbs`}, {@code invalid type: ...}) carry no
 * position, because serde reads them from its buffer, not from the text. Unknown fields are ignored. An array is
 * accepted too, with the tag first and the fields in declaration order (serde's sequence form).
 */
final class TextRequestDecoder {
    private static final String ENUM = "internally tagged enum ClientRequestText";
    private static final String VARIANTS = "`send`, `sendAnonymous`, `reply`, `selfAddress`";

    /** The variants, with their fields in the Rust declaration order (which decides "missing field" errors). */
    private enum Variant {
        SEND("send", "Send", new Field("message", Type.STRING), new Field("recipient", Type.STRING),
                new Field("connectionId", Type.OPTIONAL_U64)),
        SEND_ANONYMOUS("sendAnonymous", "SendAnonymous", new Field("recipient", Type.STRING),
                new Field("message", Type.STRING), new Field("replySurbs", Type.U32),
                new Field("connectionId", Type.OPTIONAL_U64)),
        REPLY("reply", "Reply", new Field("senderTag", Type.STRING), new Field("message", Type.STRING),
                new Field("connectionId", Type.OPTIONAL_U64)),
        SELF_ADDRESS("selfAddress", "SelfAddress");

        final String wire;
        final String rustName;
        final Field[] fields;

        Variant(String wire, String rustName, Field... fields) {
            this.wire = wire;
            this.rustName = rustName;
            this.fields = fields;
        }

        static Variant of(String wire) {
            for (Variant v : values()) {
                if (v.wire.equals(wire)) {
                    return v;
                }
            }
            return null;
        }
    }

    private enum Type { STRING, U32, OPTIONAL_U64 }

    private record Field(String name, Type type) {
    }

    private final byte[] input;

    private TextRequestDecoder(byte[] input) {
        this.input = input;
    }

    static ClientRequest decode(String text) throws WireException {
        return new TextRequestDecoder(text.getBytes(StandardCharsets.UTF_8)).decode();
    }

    private ClientRequest decode() throws WireException {
        try (JsonParser p = SerdeJson.parser(input)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw serde("EOF while parsing a value", input.length);
            }
            ClientRequest request;
            if (first == JsonToken.START_OBJECT) {
                request = readObject(p);
            } else if (first == JsonToken.START_ARRAY) {
                request = readArray(p);
            } else {
                throw serde("invalid type: " + scalarUnexpected(p) + ", expected " + ENUM, tokenEnd(p));
            }
            checkTrailing((int) p.currentLocation().getByteOffset());
            return request;
        } catch (JsonProcessingException e) {
            throw new WireException(MALFORMED_REQUEST, SerdeSyntax.describe(e, input));
        } catch (IOException e) {
            throw new WireException(MALFORMED_REQUEST, "io error while parsing: " + e.getMessage());
        }
    }

    private ClientRequest readObject(JsonParser p) throws IOException, WireException {
        Variant variant = null;
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (name.equals("type")) {
                if (variant != null) {
                    // raised before the value is read; serde then skips whitespace while closing the map
                    throw serde("duplicate field `type`", skipWhitespace(stringEnd(tokenStart(p))));
                }
                p.nextToken();
                variant = readTag(p);
            } else {
                p.nextToken();
                entries.add(new SimpleEntry<>(name, SerdeJson.readTree(p)));
            }
        }
        if (variant == null) {
            throw serde("missing field `type`", (int) p.currentLocation().getByteOffset());
        }
        return build(variant, fieldsByName(variant, entries));
    }

    private ClientRequest readArray(JsonParser p) throws IOException, WireException {
        if (p.nextToken() == JsonToken.END_ARRAY) {
            throw serde("missing field `type`", (int) p.currentLocation().getByteOffset());
        }
        Variant variant = readTag(p);
        List<JsonNode> rest = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            rest.add(SerdeJson.readTree(p));
        }
        if (variant == Variant.SELF_ADDRESS) {
            return new ClientRequest.SelfAddress();
        }
        int expected = variant.fields.length;
        if (rest.size() < expected) {
            throw new WireException(MALFORMED_REQUEST, "invalid length " + rest.size()
                    + ", expected struct variant ClientRequestText::" + variant.rustName + " with " + expected
                    + " elements");
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < expected; i++) {
            Field f = variant.fields[i];
            values.put(f.name(), convert(f, rest.get(i)));
        }
        if (rest.size() > expected) {
            throw new WireException(MALFORMED_REQUEST, "invalid length " + rest.size() + ", expected " + expected
                    + " elements in sequence");
        }
        return build(variant, values);
    }

    private Variant readTag(JsonParser p) throws IOException, WireException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_STRING) {
            String unexpected = scalarOrContainer(p);
            int at = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY ? tokenStart(p) : tokenEnd(p);
            throw serde("invalid type: " + unexpected + ", expected variant identifier", at);
        }
        String tag = p.getText();
        Variant variant = Variant.of(tag);
        if (variant == null) {
            throw serde("unknown variant `" + tag + "`, expected one of " + VARIANTS, stringEnd(tokenStart(p)));
        }
        return variant;
    }

    /** serde's struct visitor over the buffered entries: type errors and duplicates in entry order. */
    private Map<String, Object> fieldsByName(Variant variant, List<Map.Entry<String, JsonNode>> entries)
            throws WireException {
        Map<String, Object> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : entries) {
            for (Field f : variant.fields) {
                if (f.name().equals(e.getKey())) {
                    if (values.containsKey(f.name())) {
                        throw new WireException(MALFORMED_REQUEST, "duplicate field `" + f.name() + "`");
                    }
                    values.put(f.name(), convert(f, e.getValue()));
                }
            }
        }
        for (Field f : variant.fields) {
            if (f.type() != Type.OPTIONAL_U64 && !values.containsKey(f.name())) {
                throw new WireException(MALFORMED_REQUEST, "missing field `" + f.name() + "`");
            }
        }
        return values;
    }

    private static Object convert(Field f, JsonNode v) throws WireException {
        switch (f.type()) {
            case STRING -> {
                if (!v.isTextual()) {
                    throw invalidType(v, "a string");
                }
                return v.textValue();
            }
            case U32 -> {
                BigInteger n = integer(v, "u32");
                if (n.signum() < 0 || n.bitLength() > 32) {
                    throw new WireException(MALFORMED_REQUEST, "invalid value: integer `" + n + "`, expected u32");
                }
                return n.intValue();
            }
            case OPTIONAL_U64 -> {
                if (v.isNull()) {
                    return null;
                }
                BigInteger n = integer(v, "u64");
                if (n.signum() < 0) {
                    throw new WireException(MALFORMED_REQUEST, "invalid value: integer `" + n + "`, expected u64");
                }
                return n.longValue();
            }
            default -> throw new IllegalStateException();
        }
    }

    private static BigInteger integer(JsonNode v, String expected) throws WireException {
        if (!v.isIntegralNumber() || !SerdeText.fitsInteger(v.bigIntegerValue())) {
            throw invalidType(v, expected);
        }
        return v.bigIntegerValue();
    }

    private static WireException invalidType(JsonNode v, String expected) {
        return new WireException(MALFORMED_REQUEST,
                "invalid type: " + SerdeText.unexpected(v) + ", expected " + expected);
    }

    /** nym-client's {@code TryInto<ClientRequest>}: the recipient and tag errors come without a position. */
    private static ClientRequest build(Variant variant, Map<String, Object> v) throws WireException {
        try {
            return switch (variant) {
                case SEND -> new ClientRequest.Send(NymAddress.parse((String) v.get("recipient")),
                        bytes(v.get("message")), (Long) v.get("connectionId"));
                case SEND_ANONYMOUS -> new ClientRequest.SendAnonymous(NymAddress.parse((String) v.get("recipient")),
                        bytes(v.get("message")), (Integer) v.get("replySurbs"), (Long) v.get("connectionId"));
                case REPLY -> new ClientRequest.Reply(SenderTag.parse((String) v.get("senderTag")),
                        bytes(v.get("message")), (Long) v.get("connectionId"));
                case SELF_ADDRESS -> new ClientRequest.SelfAddress();
            };
        } catch (IllegalArgumentException e) {
            throw new WireException(MALFORMED_REQUEST, e.getMessage());
        }
    }

    private static byte[] bytes(Object message) {
        return ((String) message).getBytes(StandardCharsets.UTF_8);
    }

    private String scalarUnexpected(JsonParser p) throws IOException {
        return scalarOrContainer(p);
    }

    private String scalarOrContainer(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> "map";
            case START_ARRAY -> "sequence";
            default -> SerdeText.unexpected(SerdeJson.readTree(p));
        };
    }

    private void checkTrailing(int afterRoot) throws WireException {
        int i = skipWhitespace(afterRoot);
        if (i < input.length) {
            throw serde("trailing characters", i + 1);
        }
    }

    private int tokenStart(JsonParser p) {
        return (int) p.currentTokenLocation().getByteOffset();
    }

    /** The index just past the current scalar token, computed from the raw input. */
    private int tokenEnd(JsonParser p) {
        int start = tokenStart(p);
        if (start < input.length && input[start] == '"') {
            return stringEnd(start);
        }
        int i = start;
        while (i < input.length && "+-.0123456789eEtruefalsn".indexOf(input[i]) >= 0) {
            i++;
        }
        return i;
    }

    /** The index just past the closing quote of the string literal that starts at {@code quote}. */
    private int stringEnd(int quote) {
        int i = quote + 1;
        while (i < input.length && input[i] != '"') {
            i += input[i] == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, input.length);
    }

    private int skipWhitespace(int i) {
        while (i < input.length && (input[i] == ' ' || input[i] == '\n' || input[i] == '\t' || input[i] == '\r')) {
            i++;
        }
        return i;
    }

    private WireException serde(String message, int index) {
        return new WireException(MALFORMED_REQUEST, message + SerdeText.at(input, index));
    }
}
