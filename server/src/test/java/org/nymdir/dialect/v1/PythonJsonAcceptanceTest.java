package org.nymdir.dialect.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nymdir.dialect.DecodeResult;
import org.nymdir.dialect.json.PythonJsonReader;
import org.nymdir.directory.AckContent;
import org.nymdir.directory.SendContent;

/**
 * Requests and signed contents are read exactly where Python's {@code json.loads} reads them: the vectors in
 * {@code fixtures/python-json-acceptance.json} were made by Python itself ({@code make_python_json_acceptance.py}
 * next to it), {@code +Infinity}, {@code -INF} and trailing garbage among them.
 */
class PythonJsonAcceptanceTest {
    private static final V1Dialect DIALECT = new V1Dialect(message -> "00", V1Dialect.DEFAULT_MAX_REQUEST_BYTES);
    private static final PythonJsonReader JSON =
            new PythonJsonReader(V1Dialect.jsonFactory(V1Dialect.DEFAULT_MAX_REQUEST_BYTES));
    private static final SendContentReader CONTENT = new SendContentReader(JSON);

    record Vector(String text, boolean accepted, boolean object) {
        @Override
        public String toString() {
            return text.codePoints().mapToObj(c -> c >= 0x20 && c < 0x7f ? Character.toString(c)
                    : String.format("\\u%04x", c)).reduce("", String::concat) + (accepted ? " (accepted)" : "");
        }
    }

    static Stream<Vector> vectors() throws IOException {
        try (InputStream in = PythonJsonAcceptanceTest.class.getResourceAsStream(
                "/fixtures/python-json-acceptance.json")) {
            List<Vector> all = new ArrayList<>();
            for (JsonNode v : new ObjectMapper().readTree(in).get("vectors")) {
                all.add(new Vector(v.get("text").textValue(), v.get("accepted").booleanValue(),
                        v.get("object").booleanValue()));
            }
            assertThat(all).hasSizeGreaterThan(150);
            return all.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theOuterRequest(Vector v) {
        DecodeResult r = DIALECT.decode(v.text());
        if (v.accepted() && v.object()) {
            assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        } else {
            // What Python refuses, and JSON that is not an object, the original never answered.
            assertThat(r).isInstanceOf(DecodeResult.Dropped.class);
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void aSendsContent(Vector v) {
        SendContent c = CONTENT.read(v.text());
        if (v.accepted()) {
            assertThat(c).isInstanceOf(SendContent.MissingParties.class); // no vector names sender and recipient
        } else {
            assertThat(c).isInstanceOf(SendContent.NotJson.class);
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void anAcksContent(Vector v) {
        AckContent c = AckContentReader.read(JSON, v.text());
        assertThat(c instanceof AckContent.NotJson).isEqualTo(!v.accepted());
    }
}
