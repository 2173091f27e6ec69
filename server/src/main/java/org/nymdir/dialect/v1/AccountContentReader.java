package org.nymdir.dialect.v1;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.nymdir.dialect.json.PythonJsonReader;
import org.nymdir.directory.AccountContent;

/**
 * Reads the signed content of {@code rotateKey} ({@code {"intent": "rotateKey", "username": U, "publicKey": PEM}})
 * and {@code deleteAccount} ({@code {"intent": "deleteAccount", "username": U}}).
 */
final class AccountContentReader {
    private AccountContentReader() {
    }

    static AccountContent read(PythonJsonReader json, String content, String intent) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (StreamConstraintsException e) {
            return new AccountContent.BeyondBounds();
        } catch (IOException e) {
            return new AccountContent.NotJson();
        }
        if (root == null) {
            return new AccountContent.NotJson();
        }
        String username = text(root, "username");
        if (!intent.equals(text(root, "intent")) || username == null) {
            return new AccountContent.Missing();
        }
        if (intent.equals(V1Wire.DELETE_ACCOUNT)) {
            return new AccountContent.Deletion(username);
        }
        String key = text(root, "publicKey");
        return key == null ? new AccountContent.Missing() : new AccountContent.Rotation(username, key);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }
}
