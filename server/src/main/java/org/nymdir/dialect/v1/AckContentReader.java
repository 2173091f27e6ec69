package org.nymdir.dialect.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.nymdir.dialect.json.PythonJsonReader;
import org.nymdir.directory.AckContent;

/**
 * Reads the signed content of an {@code ack}: {@code {"username": U, "ids": [ID, ...]}} (the list may be
 * empty). Ids that are not
 * message ids (32 lower-case hex) are skipped; more than {@link AckContent#MAX_IDS} ids make the ack
 * malformed rather than silently truncated.
 */
final class AckContentReader {
    private AckContentReader() {
    }

    static AckContent read(PythonJsonReader json, String content) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (StreamConstraintsException e) {
            return new AckContent.BeyondBounds();
        } catch (IOException e) {
            return new AckContent.NotJson();
        }
        if (root == null) {
            return new AckContent.NotJson();
        }
        JsonNode user = root.get("username");
        JsonNode ids = root.get("ids");
        // An empty list is allowed: it declares the client an acking one before any message reached it.
        if (user == null || !user.isTextual() || user.textValue().isEmpty() || ids == null || !ids.isArray()
                || ids.size() > AckContent.MAX_IDS) {
            return new AckContent.Missing();
        }
        List<String> valid = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (id.isTextual() && id.textValue().matches("[0-9a-f]{32}")) {
                valid.add(id.textValue());
            }
        }
        return new AckContent.Ids(user.textValue(), valid);
    }
}
