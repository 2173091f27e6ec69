package org.nymdir.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One accepted {@code send}, waiting in the {@link Mailbox} for delivery to {@code recipient}.
 *
 * <p>{@code rawBody} and {@code rawSenderPublicKey} are the JSON texts exactly as the sender signed them
 * (the recipient verifies an inner signature over them), so they are stored and returned character for
 * character; {@code rawSenderPublicKey} is {@code null} when the content had none. Logs must never show
 * them.
 *
 * <p>Validated on construction, so no store ever holds an absurd message: {@code id} is 32 lower-case hex
 * digits (16 random bytes, chosen by the caller, unique); names are 1..{@value #MAX_NAME_CHARS} characters;
 * the body is at most {@value #MAX_BODY_BYTES} bytes and the key text {@value #MAX_KEY_BYTES} bytes of UTF-8
 * (the directory bounds them much tighter; these catch a bug, not a user); every string is well-formed
 * Unicode ({@link StoreArgs}); {@code acceptedAt < expiresAt}. Instants are truncated to milliseconds, the
 * precision SQLite keeps, so a message reads back equal to the one written.
 */
public record MailboxMessage(String id, String recipient, String sender, String rawBody, String rawSenderPublicKey,
                             Instant acceptedAt, Instant expiresAt) {

    public static final int MAX_NAME_CHARS = StoreArgs.MAX_NAME_CHARS;
    public static final int MAX_BODY_BYTES = 1 << 20;
    public static final int MAX_KEY_BYTES = 64 << 10;
    /** Per-message bytes counted on top of the texts (see {@link #storedBytes()}). */
    public static final int ROW_OVERHEAD_BYTES = 160;

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    public MailboxMessage {
        Objects.requireNonNull(id, "id");
        if (!isId(id)) {
            throw new IllegalArgumentException("message id must be 32 lower-case hex digits");
        }
        StoreArgs.requireName(recipient, "recipient");
        StoreArgs.requireName(sender, "sender");
        requireText(rawBody, "rawBody", MAX_BODY_BYTES);
        if (rawSenderPublicKey != null) {
            requireText(rawSenderPublicKey, "rawSenderPublicKey", MAX_KEY_BYTES);
        }
        acceptedAt = StoreArgs.requireStorable(acceptedAt, "acceptedAt");
        expiresAt = StoreArgs.requireStorable(expiresAt, "expiresAt");
        if (!acceptedAt.isBefore(expiresAt)) {
            throw new IllegalArgumentException("expiresAt must be after acceptedAt");
        }
    }

    /**
     * What the message counts against the byte quotas: its texts and names in UTF-8 plus
     * {@value #ROW_OVERHEAD_BYTES} bytes for the id, the instants, the replay key and the index entries, so
     * that a flood of empty bodies is not free.
     */
    public long storedBytes() {
        return utf8Length(rawBody) + (rawSenderPublicKey == null ? 0 : utf8Length(rawSenderPublicKey))
                + utf8Length(recipient) + utf8Length(sender) + ROW_OVERHEAD_BYTES;
    }

    /**
     * Heap this message holds, estimated: the record, the instants, five strings at two bytes a character (the
     * texts may hold any), their headers. Bounds on mail read at once count this.
     */
    public long heapBytes() {
        long chars = (long) id.length() + recipient.length() + sender.length() + rawBody.length()
                + (rawSenderPublicKey == null ? 0 : rawSenderPublicKey.length());
        return 256 + 2 * chars;
    }

    /** True when {@code s} has the shape of a message id; anything else can never name a stored message. */
    public static boolean isId(String s) {
        return s != null && s.length() == 32 && ID.matcher(s).matches();
    }

    private static void requireText(String value, String name, int maxBytes) {
        StoreArgs.requireStorable(value, name);
        // at most 3 UTF-8 bytes per UTF-16 char: count exactly only when the quick bound does not settle it
        if ((long) value.length() * 3 > maxBytes && utf8Length(value) > maxBytes) {
            throw new IllegalArgumentException(name + " exceeds " + maxBytes + " bytes of UTF-8");
        }
    }

    /** UTF-8 length of a well-formed string, without encoding it. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4; // with its low surrogate: one supplementary code point
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Never the texts (body, key) nor the names: a message may end up in a log line. */
    @Override
    public String toString() {
        return "MailboxMessage[id=" + id + ", acceptedAt=" + acceptedAt + ", expiresAt=" + expiresAt + "]";
    }
}
