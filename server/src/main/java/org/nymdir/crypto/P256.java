package org.nymdir.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;

/**
 * The curve secp256r1 (NIST P-256): its parameters, and encoding and validation of points.
 *
 * <p>Points arriving from strangers are checked to lie on the curve before any key is built from them.
 * Without that check an ECDH with our long-term key against a point on a weaker curve leaks bits of the key
 * (the invalid-curve attack); the JDK does not promise the check on every path, so we do it ourselves.
 *
 * <p>Hand-written rather than taken from a second crypto library: the JDK has the curve; what it lacks is
 * this check, done the same whatever the provider, and another library would bring its own set of encodings
 * it accepts, where what a register accepts must be what the original (Python's cryptography) accepts.
 */
final class P256 {
    static final int FIELD_BYTES = 32;

    /** The JDK's own parameter object, so keys we build are recognised as the named curve. */
    static final ECParameterSpec SPEC = jdkSpec();

    static final BigInteger P = ((ECFieldFp) SPEC.getCurve().getField()).getP();
    static final BigInteger A = SPEC.getCurve().getA();
    static final BigInteger B = SPEC.getCurve().getB();
    static final BigInteger N = SPEC.getOrder();

    private static final BigInteger SQRT_EXPONENT = P.add(BigInteger.ONE).shiftRight(2); // p = 3 mod 4

    private P256() {}

    private static ECParameterSpec jdkSpec() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no secp256r1", e);
        }
    }

    /** True when the parameters are those of P-256, whoever built the object. */
    static boolean isP256(ECParameterSpec spec) {
        return spec != null
                && spec.getCurve().getField() instanceof ECFieldFp field
                && field.getP().equals(P)
                && spec.getCurve().getA().equals(A)
                && spec.getCurve().getB().equals(B)
                && spec.getGenerator().equals(SPEC.getGenerator())
                && spec.getOrder().equals(N)
                && spec.getCofactor() == SPEC.getCofactor();
    }

    /**
     * Decodes an X9.62 point: uncompressed (04), compressed (02/03) or hybrid (06/07), all of which Python's
     * cryptography (via OpenSSL) accepts in a SubjectPublicKeyInfo. The point at infinity is refused.
     */
    static ECPoint decodePoint(byte[] encoded) throws InvalidKeyMaterialException {
        if (encoded.length == 0) {
            throw new InvalidKeyMaterialException("empty EC point");
        }
        int form = encoded[0];
        if (form == 0) {
            throw new InvalidKeyMaterialException("EC point at infinity");
        }
        ECPoint point;
        if ((form == 0x04 || form == 0x06 || form == 0x07) && encoded.length == 1 + 2 * FIELD_BYTES) {
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + FIELD_BYTES));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 1 + FIELD_BYTES, encoded.length));
            if (form != 0x04 && y.testBit(0) != (form == 0x07)) {
                throw new InvalidKeyMaterialException("hybrid EC point with wrong parity byte");
            }
            point = new ECPoint(x, y);
        } else if ((form == 0x02 || form == 0x03) && encoded.length == 1 + FIELD_BYTES) {
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, encoded.length));
            point = decompress(x, form == 0x03);
        } else {
            throw new InvalidKeyMaterialException("not a P-256 point encoding");
        }
        if (!isOnCurve(point)) {
            throw new InvalidKeyMaterialException("point is not on P-256");
        }
        return point;
    }

    static boolean isOnCurve(ECPoint point) {
        if (point == null || point.equals(ECPoint.POINT_INFINITY)) {
            return false;
        }
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || x.compareTo(P) >= 0 || y.signum() < 0 || y.compareTo(P) >= 0) {
            return false;
        }
        return y.multiply(y).mod(P).equals(rightHandSide(x));
    }

    /**
     * The two points with this x, (x, y) and (x, p - y), odd y first when asked. Used to rebuild a point from
     * an x coordinate (compressed points; the public key of a bare private key, see {@link PemKeys}).
     */
    static ECPoint decompress(BigInteger x, boolean oddY) throws InvalidKeyMaterialException {
        if (x.signum() < 0 || x.compareTo(P) >= 0) {
            throw new InvalidKeyMaterialException("x coordinate out of range");
        }
        BigInteger rhs = rightHandSide(x);
        BigInteger y = rhs.modPow(SQRT_EXPONENT, P);
        if (!y.multiply(y).mod(P).equals(rhs)) {
            throw new InvalidKeyMaterialException("no P-256 point has this x coordinate");
        }
        if (y.testBit(0) != oddY) {
            y = P.subtract(y).mod(P);
        }
        return new ECPoint(x, y);
    }

    static byte[] encodeUncompressed(ECPoint point) {
        byte[] out = new byte[1 + 2 * FIELD_BYTES];
        out[0] = 0x04;
        System.arraycopy(toFixed(point.getAffineX()), 0, out, 1, FIELD_BYTES);
        System.arraycopy(toFixed(point.getAffineY()), 0, out, 1 + FIELD_BYTES, FIELD_BYTES);
        return out;
    }

    /** A field element or scalar as exactly 32 big-endian bytes. */
    static byte[] toFixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length == FIELD_BYTES) {
            return raw;
        }
        byte[] out = new byte[FIELD_BYTES];
        if (raw.length > FIELD_BYTES) { // a leading sign byte
            System.arraycopy(raw, raw.length - FIELD_BYTES, out, 0, FIELD_BYTES);
        } else {
            System.arraycopy(raw, 0, out, FIELD_BYTES - raw.length, raw.length);
        }
        return out;
    }

    private static BigInteger rightHandSide(BigInteger x) {
        return x.multiply(x).add(A).multiply(x).add(B).mod(P);
    }
}
