package org.nymdir.sim.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Turns a Jackson syntax error into serde_json's wording. Jackson and serde_json reject the same inputs, but
 * describe them differently; this is a best-effort translation by category ({@code expected value},
 * {@code EOF while parsing an object}, {@code trailing comma}, ...). The position comes from Jackson's location
 * (bytes read so far), which for serde's "peek" errors is the same number serde prints.
 */
final class SerdeSyntax {
    private SerdeSyntax() {
    }

    static String describe(JsonProcessingException e, byte[] input) {
        if (e instanceof JsonEOFException) {
            return "EOF while parsing " + eofContext(input) + SerdeText.at(input, input.length);
        }
        int offset = e.getLocation() == null ? input.length : (int) e.getLocation().getByteOffset();
        if (e instanceof StreamConstraintsException) {
            return "recursion limit exceeded" + SerdeText.at(input, offset);
        }
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (msg.contains("Unrecognized token") && offset < input.length && "tfn".indexOf(input[offset]) >= 0) {
            int mismatch = identMismatch(input, offset);
            return mismatch >= input.length ? "EOF while parsing a value" + SerdeText.at(input, input.length)
                    : "expected ident" + SerdeText.at(input, mismatch + 1);
        }
        // Jackson points at the offending byte; serde_json "peeks" it and reports the column just past it
        return category(msg, input, offset + 1) + SerdeText.at(input, offset + 1);
    }

    /** The index of the first byte that breaks the literal true, false or null starting at {@code start}. */
    private static int identMismatch(byte[] input, int start) {
        String literal = input[start] == 't' ? "true" : input[start] == 'f' ? "false" : "null";
        int i = 0;
        while (i < literal.length() && start + i < input.length && input[start + i] == literal.charAt(i)) {
            i++;
        }
        return start + i;
    }

    private static String category(String msg, byte[] input, int offset) {
        byte offending = offset > 0 && offset <= input.length ? input[offset - 1] : 0;
        if (msg.contains("expected a valid value") || msg.contains("expected a value")
                || msg.contains("double-quote to start field name")) {
            if ((offending == ']' || offending == '}') && previousNonWhitespace(input, offset - 1) == ',') {
                return "trailing comma";
            }
            return msg.contains("field name") ? "key must be a string" : "expected value";
        }
        if (msg.contains("colon to separate")) {
            return "expected `:`";
        }
        if (msg.contains("separate Object entries")) {
            return "expected `,` or `}`";
        }
        if (msg.contains("separate Array entries")) {
            return "expected `,` or `]`";
        }
        if (msg.contains("character escape") || msg.contains("escape sequence")) {
            return "invalid escape";
        }
        if (msg.contains("Illegal unquoted character")) {
            return "control character (\\u0000-\\u001F) found while parsing a string";
        }
        if (msg.contains("numeric value") || msg.contains("Leading zero") || msg.contains("Invalid number")) {
            return "invalid number";
        }
        return "expected value";
    }

    private static int previousNonWhitespace(byte[] input, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (input[i] != ' ' && input[i] != '\n' && input[i] != '\t' && input[i] != '\r') {
                return input[i];
            }
        }
        return -1;
    }

    /** What serde_json was parsing when the input ran out, from a scan of the raw bytes. */
    private static String eofContext(byte[] input) {
        StringBuilder open = new StringBuilder();
        boolean inString = false;
        int lastSignificant = -1;
        for (int i = 0; i < input.length; i++) {
            byte c = input[i];
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> open.append((char) c);
                case '}', ']' -> {
                    if (!open.isEmpty()) {
                        open.setLength(open.length() - 1);
                    }
                }
                default -> { }
            }
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
                lastSignificant = c;
            }
        }
        if (inString) {
            return "a string";
        }
        if (open.isEmpty() || lastSignificant == ':' || lastSignificant == ',') {
            return "a value";
        }
        if (Character.isLetter(lastSignificant) || lastSignificant == '-') {
            return "a value";
        }
        return open.charAt(open.length() - 1) == '{' ? "an object" : "a list";
    }
}
