package org.nymdir.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.nymdir.vocabulary.Unicode;

/**
 * Argument rules shared by every store implementation ({@link UserStore}, {@link Mailbox}, {@link Presence}),
 * so that memory and SQLite agree.
 *
 * <p>Why well-formed Unicode: SQLite stores text as UTF-8, and the JDBC driver turns a lone UTF-16 surrogate
 * into {@code '?'}. Without this rule {@code "\uD800"} and {@code "?"} would silently name the same row in
 * SQLite but two rows in memory. JSON escapes ({@code "\ud800"}) can produce such strings, so the store
 * refuses them on writes instead of corrupting a key; lookups of them simply find nothing. The rule itself is
 * {@link Unicode#isWellFormed}, shared with the directory, which refuses such requests before they get here.
 */
public final class StoreArgs {
    private StoreArgs() {
    }

    /** The value itself when it may be stored; otherwise NPE (null) or IllegalArgumentException (malformed). */
    public static String requireStorable(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!Unicode.isWellFormed(value)) {
            // the value is not echoed: it may be a key or a sender tag
            throw new IllegalArgumentException(name + " is not well-formed Unicode (lone surrogate)");
        }
        return value;
    }

    /** Longest username the mailbox and presence stores keep (the directory allows far fewer). */
    public static final int MAX_NAME_CHARS = 1024;

    /** True when {@code value} could name a mailbox or presence entry: 1..1024 chars, well-formed. */
    public static boolean isName(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_NAME_CHARS && Unicode.isWellFormed(value);
    }

    /** The name itself when {@link #isName}; otherwise NPE (null) or IllegalArgumentException. */
    public static String requireName(String value, String name) {
        requireStorable(value, name);
        if (value.isEmpty() || value.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException(name + " must be 1.." + MAX_NAME_CHARS + " characters, got "
                    + value.length());
        }
        return value;
    }

    /** Validates every field of a record that is about to be written. */
    public static UserRecord requireStorable(UserRecord user) {
        Objects.requireNonNull(user, "user");
        requireStorable(user.username(), "username");
        requireStorable(user.publicKeyPem(), "publicKeyPem");
        requireStorable(user.senderTag(), "senderTag");
        return user;
    }

    /** Earliest and latest instants a store keeps: epoch milliseconds of both fit a SQLite INTEGER easily. */
    public static final Instant MIN_INSTANT = Instant.EPOCH;
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");

    /**
     * The instant truncated to milliseconds, the precision SQLite stores (as epoch millis), so that a value
     * read back equals the one written in every implementation; IllegalArgumentException outside
     * {@link #MIN_INSTANT}..{@link #MAX_INSTANT}.
     */
    public static Instant requireStorable(Instant value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
            throw new IllegalArgumentException(name + " out of range " + MIN_INSTANT + ".." + MAX_INSTANT
                    + ": " + value);
        }
        return Instant.ofEpochMilli(value.toEpochMilli());
    }

    /**
     * Epoch milliseconds of an instant used only to compare (a "now"), clamped to the storable range: every
     * stored instant lies in that range, so clamping changes no answer, and any clock reading is accepted.
     */
    public static long comparableMillis(Instant value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBefore(MIN_INSTANT)) {
            return MIN_INSTANT.toEpochMilli();
        }
        return value.isAfter(MAX_INSTANT) ? MAX_INSTANT.toEpochMilli() : value.toEpochMilli();
    }

    /** {@code value} when it lies in {@code min..max}, else IllegalArgumentException naming the bound. */
    public static int requireInRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /**
     * Unicode code point order, which is SQLite's BINARY collation of UTF-8 text (memcmp of UTF-8 sorts by
     * code point). {@link String#compareTo} compares UTF-16 units and disagrees above U+FFFF, so an in-memory
     * store that pages by name must sort with this to page like SQLite.
     */
    public static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    /** A copy of a replay key of exactly {@link Mailbox#REPLAY_KEY_BYTES} bytes (the caller may reuse its array). */
    public static byte[] requireReplayKey(byte[] key) {
        Objects.requireNonNull(key, "replayKey");
        if (key.length != Mailbox.REPLAY_KEY_BYTES) {
            throw new IllegalArgumentException("replayKey must be " + Mailbox.REPLAY_KEY_BYTES + " bytes, got "
                    + key.length);
        }
        return key.clone();
    }

    /** A {@link Presence} granularity: 0 (write every forward move) up to one hour. */
    public static long requireGranularityMillis(Duration granularity) {
        Objects.requireNonNull(granularity, "granularity");
        if (granularity.isNegative() || granularity.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("granularity must be 0..1h, got " + granularity);
        }
        return granularity.toMillis();
    }

    /**
     * The arguments of {@link Mailbox#remove}, checked (at most {@link Mailbox#MAX_LIMIT} ids, none null) and
     * reduced to the ids that can name a message, each once: other shapes can name no message, and a repeat
     * must not count twice.
     */
    public static Set<String> removableIds(Collection<String> ids) {
        Objects.requireNonNull(ids, "ids");
        requireInRange(ids.size(), 0, Mailbox.MAX_LIMIT, "number of ids");
        Set<String> wanted = new LinkedHashSet<>();
        for (String id : ids) {
            Objects.requireNonNull(id, "id");
            if (MailboxMessage.isId(id)) {
                wanted.add(id);
            }
        }
        return wanted;
    }
}
