package org.nymdir.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test fixtures under src/test/resources/fixtures, parsed with a plain ObjectMapper. */
public final class Fixtures {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** The nymCHAT v1 test vectors (a copy of shared/fixtures/nymchat-vectors.json). */
    public static JsonNode nymchat() {
        return load("nymchat-vectors.json");
    }

    /** What Python and OpenSSL produce, made by make_python_interop.py. */
    public static JsonNode pythonInterop() {
        return load("python-interop.json");
    }

    public static JsonNode load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
