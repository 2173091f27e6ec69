package org.nymdir.dialect.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.nymdir.testing.Fixtures;

class PythonJsonProperties {
    /** Any UTF-16 code unit: controls, DEL, the BMP, surrogate halves alone or paired. */
    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> pairedAndUnpairedSurrogates() {
        Arbitrary<String> high = Arbitraries.chars().range('\uD800', '\uDBFF').map(String::valueOf);
        Arbitrary<String> low = Arbitraries.chars().range('\uDC00', '\uDFFF').map(String::valueOf);
        Arbitrary<String> control = Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf);
        Arbitrary<String> ascii = Arbitraries.chars().range(' ', '\u007f').map(String::valueOf);
        return Arbitraries.oneOf(high, low, control, ascii, Arbitraries.of("\uD83D\uDE00", "\u2028", "\\", "\""))
                .list().ofMaxSize(20).map(parts -> String.join("", parts));
    }

    @Property
    void stringsParseBackToTheSameTextAndAreAscii(@ForAll("anyText") String text) throws Exception {
        assertRoundTrip(text);
    }

    @Property
    void surrogatesAndControlsParseBack(@ForAll("pairedAndUnpairedSurrogates") String text) throws Exception {
        assertRoundTrip(text);
    }

    @Property
    void objectsParseBackToEqualTrees(
            @ForAll @Size(max = 6) List<@net.jqwik.api.constraints.StringLength(max = 8) String> keys,
            @ForAll("anyText") String value, @ForAll double number, @ForAll long integer)
            throws Exception {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (String key : keys) {
            node.put(key, value);
        }
        node.putArray("list").add(integer).add(value).addNull().add(true);
        if (Double.isFinite(number)) {
            node.put("number", number);
        }
        node.putObject("nested").put(value, integer);
        String rendered = PythonJson.dumps(node);
        assertThat(rendered.chars().allMatch(c -> c < 0x80)).isTrue();
        // Re-read through Jackson's own writer so both sides have the same node types (IntNode vs LongNode).
        JsonNode expected = Fixtures.JSON.readTree(Fixtures.JSON.writeValueAsString(node));
        assertThat(Fixtures.JSON.readTree(rendered)).isEqualTo(expected);
    }

    @Property
    void floatsReadBackExactly(@ForAll double value) {
        String repr = PythonFloat.repr(value);
        if (Double.isNaN(value)) {
            assertThat(repr).isEqualTo("NaN");
        } else if (Double.isInfinite(value)) {
            assertThat(repr).isEqualTo(value > 0 ? "Infinity" : "-Infinity");
        } else {
            assertThat(Double.parseDouble(repr)).isEqualTo(value);
        }
    }

    private static void assertRoundTrip(String text) throws Exception {
        String rendered = PythonJson.dumps(TextNode.valueOf(text));
        assertThat(rendered.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as(rendered).isTrue();
        JsonNode back = Fixtures.JSON.readTree(rendered);
        assertThat(back.textValue()).isEqualTo(text);
    }
}
