package org.nymdir.client.e2e;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), as Python's cryptography {@code HKDF} computes it.
 *
 * <p>Hand-written on {@link Mac} because {@code javax.crypto.KDF} became final only in JDK 25 and is not
 * part of the Java 21 API we compile against.
 */
final class HkdfSha256 {
    private static final int HASH_BYTES = 32;

    private HkdfSha256() {}

    static byte[] derive(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF-SHA256 output length out of range: " + length);
        }
        byte[] prk = extract(salt, inputKeyMaterial);
        try {
            return expand(prk, info, length);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    /** PRK = HMAC(salt, IKM); an absent salt is HashLen zero bytes (RFC 5869 2.2). */
    static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
        byte[] effectiveSalt = (salt == null || salt.length == 0) ? new byte[HASH_BYTES] : salt;
        return hmac(effectiveSalt).doFinal(inputKeyMaterial);
    }

    /** T(i) = HMAC(PRK, T(i-1) | info | i), output the first {@code length} bytes of T(1) | T(2) | ... */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        Mac mac = hmac(prk);
        byte[] out = new byte[length];
        byte[] previous = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            mac.update(previous);
            mac.update(info);
            mac.update((byte) counter);
            previous = mac.doFinal();
            int n = Math.min(previous.length, length - written);
            System.arraycopy(previous, 0, out, written, n);
            written += n;
        }
        Arrays.fill(previous, (byte) 0);
        return out;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from this JDK", e);
        }
    }
}
