package org.nymdir.dialect.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.Set;

/**
 * A Jackson parser that accepts exactly the JSON that Python's {@code json.loads} accepts, to be made from a
 * factory with {@code ALLOW_NON_NUMERIC_NUMBERS} on and every other leniency off.
 *
 * <p>That feature lets Jackson read Python's {@code NaN}, {@code Infinity} and {@code -Infinity}, but also
 * spellings Python refuses ({@code +Infinity}, {@code INF}, {@code -INF}, {@code +INF}); those are refused
 * here, as a parse error. Trailing data after the value is the caller's to refuse: Python's "Extra data"
 * ({@link #requireEnd}). The checked fixture {@code python-json-acceptance.json} holds the vectors, made by
 * Python itself, that keep the two in step.
 *
 * <p>Tokens must be read through {@link #nextToken} (or {@link #nextValue}, {@link #skipChildren}, which use
 * it): the delegate's other shortcuts would read past the check.
 */
public final class PythonJsonParser extends JsonParserDelegate {
    private static final Set<String> PYTHON_NON_NUMBERS = Set.of("NaN", "Infinity", "-Infinity");

    public PythonJsonParser(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = delegate.nextToken();
        if (token == JsonToken.VALUE_NUMBER_FLOAT && isNonNumeric(delegate.getText())
                && !PYTHON_NON_NUMBERS.contains(delegate.getText())) {
            throw new JsonParseException(delegate, "a non-numeric number that Python's json.loads refuses");
        }
        return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken current = currentToken();
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            return this;
        }
        int open = 1;
        while (open > 0) {
            JsonToken t = nextToken();
            if (t == null) {
                return this; // the delegate reports the truncation on its next read
            }
            if (t.isStructStart()) {
                open++;
            } else if (t.isStructEnd()) {
                open--;
            }
        }
        return this;
    }

    /** Fails unless the text ends after the value just read (only whitespace may follow, as in Python). */
    public void requireEnd() throws IOException {
        if (nextToken() != null) {
            throw new JsonParseException(delegate, "data after the JSON value");
        }
    }

    /** Regular numbers hold only digits, signs, points and exponent marks: any other letter is NaN or so. */
    private static boolean isNonNumeric(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c) && c != 'e' && c != 'E') {
                return true;
            }
        }
        return false;
    }
}
