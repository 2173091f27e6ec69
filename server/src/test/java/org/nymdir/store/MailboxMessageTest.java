package org.nymdir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A message is validated on construction, so no mailbox can hold an absurd one. */
class MailboxMessageTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String ID = "0123456789abcdef0123456789abcdef";

    private static MailboxMessage with(String id, String recipient, String sender, String body, String key) {
        return new MailboxMessage(id, recipient, sender, body, key, T0, T0.plusSeconds(1));
    }

    @Test
    void aWellFormedMessageIsAccepted() {
        MailboxMessage m = with(ID, "bob", "alice", "{}", null);
        assertThat(m.rawSenderPublicKey()).isNull();
        assertThat(MailboxMessage.isId(ID)).isTrue();
    }

    @Test
    void idsAre32LowerCaseHexDigits() {
        for (String bad : new String[] {"", ID.substring(1), ID + "0", ID.toUpperCase(), ID.replace('a', 'g'),
            " " + ID.substring(1)}) {
            assertThatThrownBy(() -> with(bad, "bob", "alice", "{}", null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(MailboxMessage.isId(bad)).isFalse();
        }
        assertThatThrownBy(() -> with(null, "bob", "alice", "{}", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void namesAreBoundedAndWellFormed() {
        String longest = "n".repeat(StoreArgs.MAX_NAME_CHARS);
        assertThat(with(ID, longest, longest, "{}", null).recipient()).isEqualTo(longest);
        for (String bad : new String[] {"", longest + "n", "\uD800"}) {
            assertThatThrownBy(() -> with(ID, bad, "alice", "{}", null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> with(ID, "bob", bad, "{}", null)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> with(ID, null, "alice", "{}", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> with(ID, "bob", null, "{}", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theBodyIsBoundedInBytesOfUtf8() {
        int max = MailboxMessage.MAX_BODY_BYTES;
        assertThat(with(ID, "b", "a", "x".repeat(max), null).rawBody()).hasSize(max);
        assertThat(with(ID, "b", "a", "€".repeat(max / 3) + "x".repeat(max % 3), null).rawBody()).isNotNull();
        assertThat(with(ID, "b", "a", "😀".repeat(max / 4), null).rawBody()).isNotNull();
        assertThatThrownBy(() -> with(ID, "b", "a", "x".repeat(max + 1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("xxx");
        assertThatThrownBy(() -> with(ID, "b", "a", "€".repeat(max / 3 + 1), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> with(ID, "b", "a", "😀".repeat(max / 4) + "x", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> with(ID, "b", "a", "{\uDC00}", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> with(ID, "b", "a", null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theKeyTextIsBoundedToo() {
        int max = MailboxMessage.MAX_KEY_BYTES;
        assertThat(with(ID, "b", "a", "{}", "k".repeat(max)).rawSenderPublicKey()).hasSize(max);
        assertThatThrownBy(() -> with(ID, "b", "a", "{}", "k".repeat(max + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> with(ID, "b", "a", "{}", "\uD800")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timesAreOrderedInRangeAndKeptToTheMillisecond() {
        MailboxMessage m = new MailboxMessage(ID, "b", "a", "{}", null, T0.plusNanos(1_999_999), T0.plusMillis(2));
        assertThat(m.acceptedAt()).isEqualTo(T0.plusMillis(1));
        assertThatThrownBy(() -> new MailboxMessage(ID, "b", "a", "{}", null, T0, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailboxMessage(ID, "b", "a", "{}", null, T0.plusNanos(1), T0.plusNanos(2)))
                .as("equal once truncated").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailboxMessage(ID, "b", "a", "{}", null, T0, T0.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailboxMessage(ID, "b", "a", "{}", null, T0, Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailboxMessage(ID, "b", "a", "{}", null, Instant.EPOCH.minusMillis(1), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailboxMessage(ID, "b", "a", "{}", null, null, T0))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringShowsNeitherTextNorNames() {
        String shown = with(ID, "bobby", "alice", "secret body", "secret key").toString();
        assertThat(shown).contains(ID).doesNotContain("secret", "bobby", "alice");
    }

    @Test
    void codePointOrderIsSqlitesOrder() {
        assertThat(StoreArgs.CODE_POINT_ORDER.compare("\uFF21", "😀")).isNegative();
        assertThat("\uFF21".compareTo("😀")).as("UTF-16 order differs").isPositive();
        assertThat(StoreArgs.CODE_POINT_ORDER.compare("ab", "abc")).isNegative();
        assertThat(StoreArgs.CODE_POINT_ORDER.compare("abc", "abc")).isZero();
        assertThat(StoreArgs.CODE_POINT_ORDER.compare("b", "abc")).isPositive();
    }
}
