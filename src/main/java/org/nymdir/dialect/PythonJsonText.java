package org.nymdir.dialect;

/**
 * Writes JSON text the way Python's {@code json.dumps} does with its defaults: separators {@code ", "} and
 * {@code ": "}, every non-ASCII or control character escaped as lower-case {@code \\uXXXX} (UTF-16 code units,
 * so characters beyond the BMP become surrogate pairs). The original server and client render every document
 * this way, and nymCHAT signs such renderings, so reproducing it keeps replies byte-identical.
 */
public final class PythonJsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJsonText() {
    }

    /** Appends {@code value} as a quoted JSON string. */
    public static StringBuilder appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    public static String quote(String value) {
        return appendString(new StringBuilder(value.length() + 8), value).toString();
    }
}
