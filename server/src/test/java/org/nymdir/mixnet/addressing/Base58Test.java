package org.nymdir.mixnet.addressing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Base58 against the known vectors: Bitcoin Core's {@code base58_encode_decode.json} (the bs58 alphabet). */
class Base58Test {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> bitcoinCoreVectors() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("61", "2g"),
                Arguments.of("626262", "a3gV"),
                Arguments.of("636363", "aPEr"),
                Arguments.of("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"),
                Arguments.of("00eb15231dfceb60925886b67d065299925915aeb172c06647",
                        "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"),
                Arguments.of("516b6fcd0f", "ABnLTmg"),
                Arguments.of("bf4f89001e670274dd", "3SEo3LWLoPntC"),
                Arguments.of("572e4794", "3EFU7m"),
                Arguments.of("ecac89cad93923c02321", "EJDM8drfXA6uyA"),
                Arguments.of("10c8511e", "Rt5zm"),
                Arguments.of("00000000000000000000", "1111111111"),
                Arguments.of("000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5",
                        "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"),
                Arguments.of(hexOfEveryByte(),
                        "1cWB5HCBdLjAuqGGReWE3R3CguuwSjw6RHn39s2yuDRTS5NsBgNiFpWgAnEx6VQi8csexkgYw3mdYrMHr8x9i7aEwP"
                        + "8kZ7vccXWqKDvGv3u1GxFKPuAkn8JCPPGDMf3vMMnbzm6Nh9zh1gcNsMvH3ZNLmP5fSG6DGbbi2tuwMWPthr4boWwC"
                        + "xf7ewSgNQeacyozhKDDQQ1qL5fQFUW52QKUZDZ5fw3KXNQJMcNTcaB723LchjeKun7MuGW5qyCBZYzA1KjofN1gYBV"
                        + "3NqyhQJ3Ns746GNuf9N2pQPmHz4xpnSrrfCvy6TVVz5d4PdrjeshsWQwpZsZGzvbdAdN8MKV5QsBDY"));
    }

    @ParameterizedTest
    @MethodSource("bitcoinCoreVectors")
    void encodesAndDecodesTheKnownVectors(String hex, String base58) {
        assertThat(Base58.encode(HEX.parseHex(hex))).isEqualTo(base58);
        assertThat(HEX.formatHex(Base58.decode(base58))).isEqualTo(hex);
    }

    @Test
    void everyLeadingZeroByteIsAOne() {
        assertThat(Base58.encode(new byte[1])).isEqualTo("1");
        assertThat(Base58.encode(new byte[] {0, 0, 0, (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}))
                .isEqualTo("1116h8cQN");
        assertThat(Base58.decode("1116h8cQN")).containsExactly(0, 0, 0, 0xde, 0xad, 0xbe, 0xef);
        assertThat(Base58.decode("11")).containsExactly(0, 0);
    }

    @Test
    void refusesCharactersOutsideTheAlphabetWithBs58sText() {
        for (String bad : new String[] {"0", "O", "I", "l", "+", " ", "é"}) {
            assertThatThrownBy(() -> Base58.decode("2g" + bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("provided string contained invalid character '" + bad + "' at byte 2");
        }
    }

    @Test
    void roundTripsBytesOfEveryShape() {
        Random random = new Random(58);
        for (int length = 0; length <= 100; length++) {
            for (int zeros = 0; zeros <= Math.min(length, 3); zeros++) {
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                for (int i = 0; i < zeros; i++) {
                    bytes[i] = 0;
                }
                assertThat(Base58.decode(Base58.encode(bytes))).as("length %d, %d zeros", length, zeros)
                        .isEqualTo(bytes);
            }
        }
    }

    private static String hexOfEveryByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return HEX.formatHex(all);
    }
}
