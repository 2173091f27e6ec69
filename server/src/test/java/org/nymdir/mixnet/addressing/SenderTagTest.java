package org.nymdir.mixnet.addressing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sender tags against the vectors of {@code nym-client-websocket.md} (sections B.2 and D). */
class SenderTagTest {

    @ParameterizedTest
    @CsvSource({
        "0x08, zXExeyvPEHUk9rjXTu78T",
        "0x2A, 6CzGHguLGCk1f416kwDZB7",
        "0xFF, YcVfxkQb6JRzqk5kF2tNLv",
        "0x00, 1111111111111111",
    })
    void textFormIsPlainBase58(String fill, String base58) {
        SenderTag tag = SenderTag.of(filled(Integer.decode(fill)));
        assertThat(tag.base58()).isEqualTo(base58);
        assertThat(SenderTag.parse(base58)).isEqualTo(tag);
        assertThat(SenderTag.parse(base58).bytes()).isEqualTo(filled(Integer.decode(fill)));
    }

    @Test
    void anythingButSixteenBytesIsRefusedWithNymClientsText() {
        assertThatThrownBy(() -> SenderTag.parse("2g")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Decoded AnonymousSenderTag has invalid length. Expected 16, but got 1");
        assertThatThrownBy(() -> SenderTag.parse(Base58.encode(new byte[17])))
                .hasMessage("Decoded AnonymousSenderTag has invalid length. Expected 16, but got 17");
        assertThatThrownBy(() -> SenderTag.of(new byte[15]))
                .hasMessage("Decoded AnonymousSenderTag has invalid length. Expected 16, but got 15");
        assertThatThrownBy(() -> SenderTag.parse("zXExeyvPEHUk9rjXTu78O")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Failed to decode the base58-encoded string - provided string contained invalid character"
                        + " 'O' at byte 20");
    }

    @Test
    void logsSeeNoPartOfTheTag() {
        SenderTag tag = SenderTag.parse("zXExeyvPEHUk9rjXTu78T");
        assertThat(tag.shortId()).isEqualTo("zXExey");
        assertThat(tag.toString()).doesNotContain("zXE").isEqualTo("SenderTag[16 bytes]");
    }

    @Test
    void holdsItsOwnCopyOfTheBytes() {
        byte[] bytes = filled(0x08);
        SenderTag tag = SenderTag.of(bytes);
        Arrays.fill(bytes, (byte) 0);
        tag.bytes()[0] = 1;
        assertThat(tag.base58()).isEqualTo("zXExeyvPEHUk9rjXTu78T");
        assertThat(tag.bytes()).isEqualTo(filled(0x08));
    }

    private static byte[] filled(int value) {
        byte[] b = new byte[SenderTag.SIZE];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
