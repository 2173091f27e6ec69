package org.nymdir.mixnet.addressing;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, no checksum: the encoding nym-client uses for sender tags and the
 * three parts of a nym address (the {@code bs58} crate's default). Leading zero bytes encode as '1'.
 *
 * <p>Hand-written on purpose: the text is protocol (a sender tag must read back to the nym-client's bytes,
 * and anything outside the alphabet is refused), and it is one loop each way, not worth a dependency with
 * leniencies of its own.
 */
public final class Base58 {
    private static final char[] ALPHABET =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = i;
        }
    }

    private Base58() {
    }

    public static String encode(byte[] input) {
        if (input.length == 0) {
            return "";
        }
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        byte[] number = input.clone();
        char[] encoded = new char[input.length * 2];
        int out = encoded.length;
        int start = zeros;
        while (start < number.length) {
            int remainder = divmod(number, start, 256, 58);
            encoded[--out] = ALPHABET[remainder];
            if (number[start] == 0) {
                start++;
            }
        }
        while (out < encoded.length && encoded[out] == ALPHABET[0]) {
            out++;
        }
        while (--zeros >= 0) {
            encoded[--out] = ALPHABET[0];
        }
        return new String(encoded, out, encoded.length - out);
    }

    /**
     * Decodes base58 text.
     *
     * @throws IllegalArgumentException with the offending character's position if the text is not base58
     */
    public static byte[] decode(String input) {
        if (input.isEmpty()) {
            return new byte[0];
        }
        byte[] input58 = new byte[input.length()];
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            int digit = c < 128 ? INDEXES[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException(
                        "provided string contained invalid character '" + c + "' at byte " + i);
            }
            input58[i] = (byte) digit;
        }
        int zeros = 0;
        while (zeros < input58.length && input58[zeros] == 0) {
            zeros++;
        }
        byte[] decoded = new byte[input.length()];
        int out = decoded.length;
        int start = zeros;
        while (start < input58.length) {
            decoded[--out] = (byte) divmod(input58, start, 58, 256);
            if (input58[start] == 0) {
                start++;
            }
        }
        while (out < decoded.length && decoded[out] == 0) {
            out++;
        }
        return Arrays.copyOfRange(decoded, out - zeros, decoded.length);
    }

    /** Divides the number held in {@code number[first..]} (in {@code base}) by {@code divisor} in place. */
    private static int divmod(byte[] number, int first, int base, int divisor) {
        int remainder = 0;
        for (int i = first; i < number.length; i++) {
            int digit = number[i] & 0xFF;
            int temp = remainder * base + digit;
            number[i] = (byte) (temp / divisor);
            remainder = temp % divisor;
        }
        return remainder;
    }
}
