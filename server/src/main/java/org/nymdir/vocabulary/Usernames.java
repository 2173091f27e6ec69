package org.nymdir.vocabulary;

import java.util.regex.Pattern;

/**
 * The username rule: the original's pattern {@code [A-Za-z0-9_-]+}, capped at 64 characters like its
 * successor nymstr-server (the original had no cap, which let one user store megabytes under a name).
 */
public final class Usernames {
    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    private Usernames() {
    }

    public static boolean isValid(String username) {
        return username != null && username.length() <= MAX_LENGTH && VALID.matcher(username).matches();
    }
}
