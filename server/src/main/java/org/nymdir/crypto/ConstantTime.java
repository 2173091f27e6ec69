package org.nymdir.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Comparison of secrets (nonces, tokens, MACs) whose running time does not depend on where the first
 * difference is, so an attacker timing replies cannot guess a secret byte by byte.
 */
public final class ConstantTime {
    private ConstantTime() {}

    /** Time depends only on the lengths. Null equals only null. */
    public static boolean equals(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        return MessageDigest.isEqual(a, b);
    }

    /** Compares the UTF-8 bytes; time depends only on the lengths. Null equals only null. */
    public static boolean equals(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
