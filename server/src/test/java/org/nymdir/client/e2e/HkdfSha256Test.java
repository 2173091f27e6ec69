package org.nymdir.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.nymdir.testing.Fixtures;

class HkdfSha256Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc5869TestCase1() {
        byte[] okm = HkdfSha256.derive(HEX.parseHex("0b".repeat(22)), HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertThat(HEX.formatHex(okm)).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void rfc5869TestCase3WithoutSaltOrInfo() {
        byte[] okm = HkdfSha256.derive(HEX.parseHex("0b".repeat(22)), new byte[0], new byte[0], 42);
        assertThat(HEX.formatHex(okm)).isEqualTo(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void matchesPythonsHkdf() {
        for (JsonNode v : Fixtures.pythonInterop().get("hkdf_sha256")) {
            byte[] okm = HkdfSha256.derive(HEX.parseHex(v.get("ikm").asText()), HEX.parseHex(v.get("salt").asText()),
                    HEX.parseHex(v.get("info").asText()), v.get("length").asInt());
            assertThat(HEX.formatHex(okm)).isEqualTo(v.get("okm").asText());
        }
    }

    @Test
    void refusesLengthsOutsideTheRfc() {
        assertThatThrownBy(() -> HkdfSha256.derive(new byte[32], null, new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HkdfSha256.derive(new byte[32], null, new byte[0], 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
