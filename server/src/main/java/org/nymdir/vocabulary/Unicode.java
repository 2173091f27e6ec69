package org.nymdir.vocabulary;

/**
 * The well-formed-text rule: a string the directory may act on and a store may keep is valid UTF-16, i.e. has
 * no lone surrogate. Such a string survives a round trip through UTF-8 unchanged; one that does not would be
 * stored as {@code '?'} by SQLite's driver, so two different strings would name the same row. The directory
 * refuses such requests (content, public keys) before any side effect, and every store refuses to write them.
 */
public final class Unicode {
    private Unicode() {
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
}
