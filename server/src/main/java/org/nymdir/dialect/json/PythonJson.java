package org.nymdir.dialect.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders a Jackson tree exactly as Python's {@code json.dumps(value)} does with default settings.
 *
 * <p>Why it matters: a nymCHAT client signs {@code json.dumps(encryptedPayload)} and sends the object, not
 * the string; the receiver re-renders and verifies. To interoperate we must produce the same bytes:
 * separators {@code ", "} and {@code ": "}; {@code ensure_ascii}, so every character outside printable
 * ASCII (control characters, DEL, everything non-ASCII) becomes {@code \\uXXXX} in lower-case hex, with
 * surrogate pairs beyond the BMP, and {@code \n \r \t \b \f \" \\} use their short escapes; {@code /} is
 * not escaped; keys stay in their order; integers are exact; floats as {@link PythonFloat}.
 *
 * <p>Jackson keeps the last value of a duplicated key at the first key's position, as a Python dict does.
 *
 * <p>Hand-written on purpose, over Jackson's tree: the bytes are protocol, since signatures are made and
 * checked over them, and no JSON library writes Python's form (Jackson's own writer differs in separators,
 * in which characters it escapes and how, and in how it writes floats).
 */
public final class PythonJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJson() {}

    /** The {@code json.dumps} text of the tree. */
    public static String dumps(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    /** Appends the {@code json.dumps} text of the tree. */
    public static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> writeArray(node, out);
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> out.append(node.isIntegralNumber()
                    ? node.bigIntegerValue().toString()
                    : PythonFloat.repr(node.doubleValue()));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("no JSON rendering for a " + node.getNodeType() + " node");
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            writeString(field.getKey(), out);
            out.append(": ");
            write(field.getValue(), out);
            if (fields.hasNext()) {
                out.append(", ");
            }
        }
        out.append('}');
    }

    private static void writeArray(JsonNode node, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(node.get(i), out);
        }
        out.append(']');
    }

    /** CPython's {@code py_encode_basestring_ascii}; Java strings are UTF-16 already, so pairs come out as pairs. */
    public static StringBuilder writeString(String text, StringBuilder out) {
        out.append('"');
        int run = 0; // start of the characters not yet written that need no escape: copied in one go
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u")
                        .append(HEX[(c >> 12) & 0xf])
                        .append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            }
        }
        return out.append(text, run, text.length()).append('"');
    }
}
