package org.nymdir.crypto;

import java.math.BigInteger;
import java.util.HexFormat;
import org.nymdir.crypto.Der.DerException;

/**
 * Shape checks for ECDSA P-256 signatures before any provider sees them.
 *
 * <p>The original server decodes and re-encodes the DER before verifying, and OpenSSL then rejects
 * anything non-canonical; we get the same result by accepting only strict DER with r and s in [1, n-1].
 * Doing it here also means the JDK provider and a native one give identical answers on malformed input.
 */
final class EcdsaSignatures {
    /** SEQUENCE { INTEGER r, INTEGER s }: at most 2 + 2 * (2 + 33) bytes for P-256. */
    static final int MAX_DER_BYTES = 72;

    static final int MAX_HEX_CHARS = 2 * MAX_DER_BYTES;

    private static final HexFormat HEX = HexFormat.of();

    private EcdsaSignatures() {}

    /** Decodes hex in either case; null when it is not hex or too long to be a P-256 signature. */
    static byte[] parseHex(String hex) {
        if (hex == null || hex.isEmpty() || hex.length() > MAX_HEX_CHARS || (hex.length() & 1) != 0) {
            return null;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (!HexFormat.isHexDigit(hex.charAt(i))) {
                return null;
            }
        }
        return HEX.parseHex(hex);
    }

    /** True for a strictly DER-encoded P-256 signature with r and s in range. */
    static boolean isWellFormed(byte[] der) {
        if (der == null || der.length < 8 || der.length > MAX_DER_BYTES) {
            return false;
        }
        try {
            Der.Reader outer = new Der.Reader(der);
            Der.Reader seq = outer.enter(Der.SEQUENCE);
            outer.expectEnd();
            BigInteger r = seq.readNonNegativeInteger();
            BigInteger s = seq.readNonNegativeInteger();
            seq.expectEnd();
            return inRange(r) && inRange(s);
        } catch (DerException e) {
            return false;
        }
    }

    private static boolean inRange(BigInteger v) {
        return v.signum() > 0 && v.compareTo(P256.N) < 0;
    }
}
