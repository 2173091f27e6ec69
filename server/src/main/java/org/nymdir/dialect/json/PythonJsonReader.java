package org.nymdir.dialect.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads a whole JSON text into a tree exactly where Python's {@code json.loads} would accept it (see
 * {@link PythonJsonParser}), within the factory's bounds: a text beyond them (too deep, a number too long)
 * fails with Jackson's {@code StreamConstraintsException}, which callers answer differently from text that is
 * not JSON at all.
 */
public final class PythonJsonReader {
    private final JsonFactory factory;
    private final ObjectMapper mapper;

    public PythonJsonReader(JsonFactory factory) {
        this.factory = factory;
        this.mapper = new ObjectMapper(factory);
    }

    /** The tree of {@code text}; null for text holding no value (empty or whitespace). */
    public JsonNode readTree(String text) throws IOException {
        try (PythonJsonParser p = new PythonJsonParser(factory.createParser(text))) {
            if (p.nextToken() == null) {
                return null;
            }
            JsonNode root = mapper.readTree(p);
            p.requireEnd();
            return root;
        }
    }

    /** A streaming parser over {@code text} with the same rules, for readers that copy source text. */
    public PythonJsonParser parser(String text) throws IOException {
        return new PythonJsonParser(factory.createParser(text));
    }
}
