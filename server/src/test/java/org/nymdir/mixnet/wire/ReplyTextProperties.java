package org.nymdir.mixnet.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.nymdir.mixnet.addressing.SenderTag;

/**
 * The link writes every reply with {@link ClientWire#replyText}, straight from the rendered text; it must be
 * the very frame the byte path ({@link ClientWire#toText} of a {@link ClientRequest.Reply}) writes, escapes,
 * emoji and lone surrogates included.
 */
class ReplyTextProperties {
    private static final SenderTag TAG = SenderTag.parse("zXExeyvPEHUk9rjXTu78T");

    @Property
    void sameFrameAsTheBytePath(@ForAll String message) {
        assertThat(ClientWire.replyText(TAG, message)).isEqualTo(viaBytes(message));
    }

    @Example
    void sameFrameForTheCharactersThatNeedCare() {
        List<String> messages = List.of("", "q\" b\\ n\n c\u0001 \u007f é \u2028 😀", "lone \ud800 high",
                "lone \udc00 low", "end \ud83d", "\ud83d\ude00 pair");
        for (String message : messages) {
            assertThat(ClientWire.replyText(TAG, message)).isEqualTo(viaBytes(message));
        }
    }

    private static String viaBytes(String message) {
        return ClientWire.toText(new ClientRequest.Reply(TAG, message.getBytes(StandardCharsets.UTF_8), null));
    }
}
