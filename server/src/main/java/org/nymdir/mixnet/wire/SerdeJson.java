package org.nymdir.mixnet.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Jackson set up to read and write JSON the way serde_json does, for both halves of the text API: the client
 * half here and the local mixnet's ({@code org.nymdir.sim.wire}). The mapper itself stays private, so no user
 * can reconfigure it for the other.
 */
public final class SerdeJson {
    /** serde_json refuses the 128th level of nesting ("recursion limit exceeded"). */
    private static final int MAX_DEPTH = 127;
    /** A bound well above any frame the local mixnet accepts. */
    private static final int MAX_STRING_BYTES = 128 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_BYTES).build())
            // replies are encoded on virtual threads, where per-thread buffer recycling never reuses a buffer
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .build());

    private SerdeJson() {
    }

    /** A streaming parser over UTF-8 JSON, with serde_json's nesting bound. */
    public static JsonParser parser(byte[] utf8) throws IOException {
        return MAPPER.createParser(utf8);
    }

    /** The next value of {@code p} as a tree. */
    public static JsonNode readTree(JsonParser p) throws IOException {
        return MAPPER.readTree(p);
    }

    /** A whole JSON text as a tree. */
    public static JsonNode readTree(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /** Writes one JSON object with serde_json's escaping; the writer fills in the fields. */
    public static String object(ObjectWriter fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.setCharacterEscapes(SerdeEscapes.INSTANCE);
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Fills in the fields of one object. */
    @FunctionalInterface
    public interface ObjectWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /** Strict UTF-8: text mode can carry only valid UTF-8, and silently mangling a request would be worse. */
    static String strictUtf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not valid UTF-8; the text API cannot carry it, use binary");
        }
    }

    /**
     * serde_json escapes only '"', '\\' and control characters, and writes the unnamed control characters as
     * lowercase hex escapes (backslash, u, 001f); Jackson would write uppercase hex. The rest is Jackson's default.
     */
    private static final class SerdeEscapes extends CharacterEscapes {
        static final SerdeEscapes INSTANCE = new SerdeEscapes();
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        private SerdeEscapes() {
            for (int c = 0; c < 0x20; c++) {
                if (ascii[c] == ESCAPE_STANDARD) {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
