package org.nymdir.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The registration puzzle (nymdir's proof of work): a solution {@code S} to challenge {@code N} at {@code bits}
 * is 1 to {@value #MAX_SOLUTION_CHARS} lower-case hex digits such that SHA-256 of the UTF-8 bytes of
 * {@code "nymdir-work:" + N + ":" + S} starts with {@code bits} zero bits. Checking costs one hash; finding
 * costs about {@code 2^bits}. The nonce is single-use and bound to one pending registration, so a solution
 * is worth one registration and nothing else.
 */
public final class Hashcash {
    /** Solutions are counters in hex: 16 digits cover every attempt anyone can make. */
    public static final int MAX_SOLUTION_CHARS = 16;
    /** The hardest puzzle a directory may set, and a solver accepts to try (about 10^12 hashes). */
    public static final int MAX_BITS = 40;
    private static final byte[] PREFIX = "nymdir-work:".getBytes(StandardCharsets.US_ASCII);

    private Hashcash() {
    }

    /** Whether {@code solution} (possibly null) solves {@code challenge} at {@code bits}. */
    public static boolean solves(String challenge, String solution, int bits) {
        if (bits <= 0) {
            return true;
        }
        if (solution == null || solution.isEmpty() || solution.length() > MAX_SOLUTION_CHARS
                || !solution.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            return false;
        }
        return leadingZeroBits(prefixed(challenge).digest(solution.getBytes(StandardCharsets.US_ASCII))) >= bits;
    }

    /** Finds a solution by counting up from 0: about {@code 2^bits} hashes. */
    public static String solve(String challenge, int bits) {
        if (bits < 0 || bits > MAX_BITS) {
            throw new IllegalArgumentException("work of " + bits + " bits is out of range 0.." + MAX_BITS);
        }
        MessageDigest prefix = prefixed(challenge); // the common prefix hashed once, cloned for each attempt
        for (long counter = 0; ; counter++) {
            String candidate = Long.toHexString(counter);
            try {
                MessageDigest attempt = (MessageDigest) prefix.clone();
                if (leadingZeroBits(attempt.digest(candidate.getBytes(StandardCharsets.US_ASCII))) >= bits) {
                    return candidate;
                }
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the JDK's SHA-256 clones", e);
            }
        }
    }

    static int leadingZeroBits(byte[] digest) {
        int bits = 0;
        for (byte b : digest) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
        }
        return bits;
    }

    private static MessageDigest prefixed(String challenge) {
        MessageDigest sha = sha256();
        sha.update(PREFIX);
        sha.update(challenge.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) ':');
        return sha;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
