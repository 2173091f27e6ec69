package org.nymdir.mixnet.addressing;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A nym-client "anonymous sender tag": 16 random bytes that name the reply SURBs a sender attached. Replying
 * with the tag reaches the sender without learning its address. Text form: plain base58.
 *
 * <p>{@link #toString()} deliberately prints only a short prefix: a whole tag is a capability to reach a
 * user and must never end up in a log.
 */
public final class SenderTag {
    public static final int SIZE = 16;

    private final byte[] bytes;
    private final String base58;

    private SenderTag(byte[] bytes) {
        this.bytes = bytes;
        this.base58 = Base58.encode(bytes);
    }

    public static SenderTag of(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException(
                    "Decoded AnonymousSenderTag has invalid length. Expected " + SIZE + ", but got " + bytes.length);
        }
        return new SenderTag(bytes.clone());
    }

    /**
     * Parses the base58 text form the way nym-client does.
     *
     * @throws IllegalArgumentException with nym-client's own error text
     */
    public static SenderTag parse(String text) {
        byte[] decoded;
        try {
            decoded = Base58.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Failed to decode the base58-encoded string - " + e.getMessage(), e);
        }
        return of(decoded);
    }

    public static SenderTag random(SecureRandom random) {
        byte[] b = new byte[SIZE];
        random.nextBytes(b);
        return new SenderTag(b);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String base58() {
        return base58;
    }

    /**
     * A short prefix, for the local mixnet's debug lines. Never in the directory's log: the users table holds
     * each user's tag, so even a prefix joins log lines to a user.
     */
    public String shortId() {
        return base58.substring(0, Math.min(6, base58.length()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SenderTag other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SenderTag[" + bytes.length + " bytes]"; // never any of the tag: toString ends up in logs
    }
}
