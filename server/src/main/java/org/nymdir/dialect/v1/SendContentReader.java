package org.nymdir.dialect.v1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import org.nymdir.dialect.json.PythonJsonParser;
import org.nymdir.dialect.json.PythonJsonReader;
import org.nymdir.directory.SendContent;

/**
 * Reads the signed content of a {@code send} in one streaming pass: the sender and recipient names, and the
 * exact source text of {@code body} and {@code senderPublicKey}. Copying source text instead of
 * re-serialising a parsed tree is what keeps the forwarded body character for character identical (number
 * spellings, escapes and key order included), which the recipient's inner signature check depends on.
 */
final class SendContentReader {
    private final PythonJsonReader json;

    SendContentReader(PythonJsonReader json) {
        this.json = json;
    }

    SendContent read(String content) {
        String sender = null;
        String recipient = null;
        String rawBody = "null";
        String rawKey = null;
        String key = null;
        try (PythonJsonParser p = json.parser(content)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new SendContent.NotJson();
            }
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren();
                p.requireEnd();
                return new SendContent.MissingParties();
            }
            // Later duplicates win, as in Python's json.loads.
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "sender" -> sender = nonEmptyString(p, value);
                    case "recipient" -> recipient = nonEmptyString(p, value);
                    case "body" -> rawBody = rawValue(p, content);
                    case "senderPublicKey" -> {
                        rawKey = rawValue(p, content);
                        key = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    }
                    default -> p.skipChildren();
                }
            }
            p.requireEnd();
        } catch (StreamConstraintsException e) {
            return new SendContent.BeyondBounds();
        } catch (IOException e) {
            return new SendContent.NotJson();
        }
        if (sender == null || recipient == null) {
            return new SendContent.MissingParties();
        }
        return new SendContent.Message(sender, recipient, rawBody, rawKey, key);
    }

    private static String nonEmptyString(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return null;
        }
        String text = p.getText();
        return text.isEmpty() ? null : text;
    }

    /** The source text of the current value, from its first to its last character. */
    private static String rawValue(JsonParser p, String content) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset();
        p.skipChildren();
        p.finishToken(); // scalars are parsed lazily; the end offset is right only once they are read
        int end = (int) p.currentLocation().getCharOffset();
        return content.substring(start, end);
    }
}
