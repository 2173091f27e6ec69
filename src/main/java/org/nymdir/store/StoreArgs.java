package org.nymdir.store;

import java.util.Objects;

/**
 * Argument rules shared by every {@link UserStore} implementation, so that memory and SQLite agree.
 *
 * <p>Why well-formed Unicode: SQLite stores text as UTF-8, and the JDBC driver turns a lone UTF-16 surrogate
 * into {@code '?'}. Without this rule {@code "\uD800"} and {@code "?"} would silently name the same row in
 * SQLite but two rows in memory. JSON escapes ({@code "\ud800"}) can produce such strings, so the store
 * refuses them on writes instead of corrupting a key; lookups of them simply find nothing.
 */
public final class StoreArgs {
    private StoreArgs() {
    }

    /** True when {@code s} is valid UTF-16, i.e. survives a round trip through UTF-8 unchanged. */
    public static boolean isWellFormed(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The value itself when it may be stored; otherwise NPE (null) or IllegalArgumentException (malformed). */
    public static String requireStorable(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!isWellFormed(value)) {
            // the value is not echoed: it may be a key or a sender tag
            throw new IllegalArgumentException(name + " is not well-formed Unicode (lone surrogate)");
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
}
