package org.nymdir.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.nymdir.crypto.Der.DerException;

/**
 * P-256 keys to and from PEM, compatible with Python's cryptography in both directions.
 *
 * <ul>
 *   <li>Public keys: {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo), named curve
 *       prime256v1 only; uncompressed, compressed or hybrid points; the point must lie on the curve.
 *   <li>Private keys: {@code -----BEGIN PRIVATE KEY-----} (PKCS#8, what nymCHAT writes), also
 *       {@code EC PRIVATE KEY} (SEC 1, what {@code openssl ecparam -genkey} writes), and with a passphrase
 *       {@code ENCRYPTED PRIVATE KEY} (see {@link EncryptedPkcs8}).
 *   <li>Writing: byte for byte what Python writes (the PKCS#8 carries the public key; 64-column base64).
 * </ul>
 *
 * Every failure is an {@link InvalidKeyMaterialException}; no JDK runtime exception escapes.
 *
 * <p>Hand-written on {@link Pem}, {@link Der} and {@link P256} on purpose: which keys a register accepts and
 * the bytes of the key files are protocol (the original's files open as they are), the same on every JCA
 * provider, strict where the input comes from strangers.
 */
public final class PemKeys {
    public static final String PUBLIC_KEY = "PUBLIC KEY";
    public static final String PRIVATE_KEY = "PRIVATE KEY";
    public static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    public static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";

    private static final byte[] PROBE_MESSAGE = "nymdir key consistency probe".getBytes(StandardCharsets.US_ASCII);

    private PemKeys() {}

    // ---- public keys ----

    /** Parses a SubjectPublicKeyInfo PEM holding a P-256 key. */
    public static ECPublicKey parsePublicKey(String pem) throws InvalidKeyMaterialException {
        return publicKeyFromDer(publicKeyDer(pem));
    }

    /**
     * The DER inside a public key PEM, not yet parsed: the key's encoded form, the same whatever text, line
     * breaks or headers surround it (the armour is read as {@link #parsePublicKey} reads it). Cheap next to
     * {@link #publicKeyFromDer}, which checks the point.
     */
    public static byte[] publicKeyDer(String pem) throws InvalidKeyMaterialException {
        return Pem.decodeFirst(pem, PUBLIC_KEY).der();
    }

    /** Parses a DER SubjectPublicKeyInfo holding a P-256 key. */
    public static ECPublicKey publicKeyFromDer(byte[] spki) throws InvalidKeyMaterialException {
        try {
            Der.Reader outer = new Der.Reader(spki);
            Der.Reader info = outer.enter(Der.SEQUENCE);
            outer.expectEnd();
            readEcAlgorithm(info.enter(Der.SEQUENCE));
            byte[] bits = info.read(Der.BIT_STRING);
            info.expectEnd();
            if (bits.length < 1 || bits[0] != 0) {
                throw new InvalidKeyMaterialException("public key BIT STRING has unused bits");
            }
            byte[] point = new byte[bits.length - 1];
            System.arraycopy(bits, 1, point, 0, point.length);
            return toPublicKey(P256.decodePoint(point));
        } catch (DerException e) {
            throw new InvalidKeyMaterialException("malformed public key: " + e.getMessage());
        }
    }

    /** The DER SubjectPublicKeyInfo, uncompressed point, as Python and OpenSSL write it. */
    public static byte[] subjectPublicKeyInfo(ECPublicKey key) {
        requireP256(key);
        return Der.sequence(ecAlgorithm(), Der.bitString(P256.encodeUncompressed(key.getW())));
    }

    /** The PEM Python's {@code public_bytes(PEM, SubjectPublicKeyInfo)} writes for this key. */
    public static String publicKeyPem(ECPublicKey key) {
        return Pem.encode(PUBLIC_KEY, subjectPublicKeyInfo(key));
    }

    // ---- private keys ----

    /** Parses an unencrypted private key PEM (PKCS#8 or SEC 1). */
    public static EcKeyPair parsePrivateKey(String pem) throws InvalidKeyMaterialException {
        return parsePrivateKey(pem, null);
    }

    /**
     * Parses a private key PEM; an {@code ENCRYPTED PRIVATE KEY} needs the passphrase, which is otherwise
     * ignored and may be null.
     */
    public static EcKeyPair parsePrivateKey(String pem, char[] passphrase) throws InvalidKeyMaterialException {
        Pem.Block block = Pem.decodeFirst(pem, PRIVATE_KEY, EC_PRIVATE_KEY, ENCRYPTED_PRIVATE_KEY);
        return switch (block.label()) {
            case PRIVATE_KEY -> fromPkcs8(block.der());
            case EC_PRIVATE_KEY -> fromSec1(block.der());
            default -> {
                if (passphrase == null) {
                    throw new InvalidKeyMaterialException("the private key is encrypted; a passphrase is needed");
                }
                yield fromPkcs8(EncryptedPkcs8.decrypt(block.der(), passphrase));
            }
        };
    }

    /** The unencrypted PKCS#8 PEM Python's {@code private_bytes(PEM, PKCS8, NoEncryption())} writes. */
    public static String privateKeyPem(EcKeyPair pair) {
        return Pem.encode(PRIVATE_KEY, pkcs8(pair));
    }

    /** PKCS#8 PrivateKeyInfo with the public key inside the SEC 1 structure, as OpenSSL writes it. */
    static byte[] pkcs8(EcKeyPair pair) {
        requireP256(pair.publicKey());
        byte[] sec1 = Der.sequence(
                Der.integer(1),
                Der.octetString(P256.toFixed(pair.privateKey().getS())),
                Der.tlv(Der.CONTEXT_1, Der.bitString(P256.encodeUncompressed(pair.publicKey().getW()))));
        return Der.sequence(Der.integer(0), ecAlgorithm(), Der.octetString(sec1));
    }

    static EcKeyPair fromPkcs8(byte[] der) throws InvalidKeyMaterialException {
        try {
            Der.Reader outer = new Der.Reader(der);
            Der.Reader info = outer.enter(Der.SEQUENCE);
            outer.expectEnd();
            int version = info.readSmallInteger(1); // 1 = RFC 5958 OneAsymmetricKey
            readEcAlgorithm(info.enter(Der.SEQUENCE));
            byte[] sec1 = info.read(Der.OCTET_STRING);
            if (info.hasMore() && info.peekTag() == Der.CONTEXT_0) {
                info.read(Der.CONTEXT_0); // attributes: nothing we need
            }
            if (version == 1 && info.hasMore() && info.peekTag() == 0x81) {
                info.read(0x81); // the public key again; we take the one in the SEC 1 structure or derive it
            }
            info.expectEnd();
            return fromSec1(sec1);
        } catch (DerException e) {
            throw new InvalidKeyMaterialException("malformed PKCS#8 private key: " + e.getMessage());
        }
    }

    /** SEC 1 ECPrivateKey: version 1, the scalar, optional [0] curve, optional [1] public key. */
    static EcKeyPair fromSec1(byte[] der) throws InvalidKeyMaterialException {
        try {
            Der.Reader outer = new Der.Reader(der);
            Der.Reader key = outer.enter(Der.SEQUENCE);
            outer.expectEnd();
            if (key.readSmallInteger(1) != 1) {
                throw new InvalidKeyMaterialException("unsupported EC private key version");
            }
            byte[] scalar = key.read(Der.OCTET_STRING);
            if (scalar.length == 0 || scalar.length > P256.FIELD_BYTES) {
                throw new InvalidKeyMaterialException("EC private key has the wrong length for P-256");
            }
            if (key.hasMore() && key.peekTag() == Der.CONTEXT_0) {
                Der.Reader params = key.enter(Der.CONTEXT_0);
                readCurve(params);
                params.expectEnd();
            }
            ECPoint embedded = null;
            if (key.hasMore() && key.peekTag() == Der.CONTEXT_1) {
                Der.Reader pub = key.enter(Der.CONTEXT_1);
                byte[] bits = pub.read(Der.BIT_STRING);
                pub.expectEnd();
                if (bits.length < 1 || bits[0] != 0) {
                    throw new InvalidKeyMaterialException("public key BIT STRING has unused bits");
                }
                byte[] point = new byte[bits.length - 1];
                System.arraycopy(bits, 1, point, 0, point.length);
                embedded = P256.decodePoint(point);
            }
            key.expectEnd();
            BigInteger s = new BigInteger(1, scalar);
            if (s.signum() == 0 || s.compareTo(P256.N) >= 0) {
                throw new InvalidKeyMaterialException("EC private key out of range for P-256");
            }
            ECPrivateKey privateKey = toPrivateKey(s);
            ECPublicKey publicKey = embedded != null ? toPublicKey(embedded) : derivePublicKey(privateKey);
            if (embedded != null && !matches(privateKey, publicKey)) {
                throw new InvalidKeyMaterialException("the public key inside the private key file does not match it");
            }
            return new EcKeyPair(privateKey, publicKey);
        } catch (DerException e) {
            throw new InvalidKeyMaterialException("malformed EC private key: " + e.getMessage());
        }
    }

    /**
     * Rebuilds the public key of a private key that came without one. The JDK has no call for d·G, and a
     * home-made scalar multiplication would not be constant-time, so we let the JDK's ECDH compute the x
     * coordinate of d·G (agreement with the generator), rebuild both candidate points from x, and keep the
     * one that verifies a signature made with d.
     */
    static ECPublicKey derivePublicKey(ECPrivateKey privateKey) throws InvalidKeyMaterialException {
        try {
            KeyAgreement ecdh = Jca.ecdh();
            ecdh.init(privateKey);
            ecdh.doPhase(toPublicKey(P256.SPEC.getGenerator()), true);
            BigInteger x = new BigInteger(1, ecdh.generateSecret());
            for (boolean odd : new boolean[] {false, true}) {
                ECPublicKey candidate = toPublicKey(P256.decompress(x, odd));
                if (matches(privateKey, candidate)) {
                    return candidate;
                }
            }
            throw new InvalidKeyMaterialException("cannot derive the public key of this private key");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidKeyMaterialException("cannot derive the public key of this private key", e);
        }
    }

    /** True when a signature by the private key verifies with the public key. */
    static boolean matches(ECPrivateKey privateKey, PublicKey publicKey) throws InvalidKeyMaterialException {
        try {
            Signature signer = Jca.ecdsa();
            signer.initSign(privateKey);
            signer.update(PROBE_MESSAGE);
            byte[] signature = signer.sign();
            Signature verifier = Jca.ecdsa();
            verifier.initVerify(publicKey);
            verifier.update(PROBE_MESSAGE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidKeyMaterialException("cannot use this key pair", e);
        }
    }

    // ---- helpers ----

    static ECPublicKey toPublicKey(ECPoint point) throws InvalidKeyMaterialException {
        try {
            return (ECPublicKey) Jca.keyFactory().generatePublic(new ECPublicKeySpec(point, P256.SPEC));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidKeyMaterialException("the JDK refused the public key", e);
        }
    }

    private static ECPrivateKey toPrivateKey(BigInteger s) throws InvalidKeyMaterialException {
        try {
            return (ECPrivateKey) Jca.keyFactory().generatePrivate(new ECPrivateKeySpec(s, P256.SPEC));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidKeyMaterialException("the JDK refused the private key", e);
        }
    }

    /** AlgorithmIdentifier { id-ecPublicKey, namedCurve prime256v1 }. */
    private static byte[] ecAlgorithm() {
        return Der.sequence(Der.oid(Oids.EC_PUBLIC_KEY), Der.oid(Oids.PRIME256V1));
    }

    private static void readEcAlgorithm(Der.Reader algorithm) throws DerException, InvalidKeyMaterialException {
        if (!java.util.Arrays.equals(algorithm.read(Der.OID), Oids.EC_PUBLIC_KEY)) {
            throw new InvalidKeyMaterialException("not an EC key");
        }
        readCurve(algorithm);
        algorithm.expectEnd();
    }

    private static void readCurve(Der.Reader params) throws DerException, InvalidKeyMaterialException {
        if (!params.hasMore() || params.peekTag() != Der.OID) {
            throw new InvalidKeyMaterialException("EC key without a named curve (explicit parameters are refused)");
        }
        if (!java.util.Arrays.equals(params.read(Der.OID), Oids.PRIME256V1)) {
            throw new InvalidKeyMaterialException("EC key on a curve other than P-256");
        }
    }

    private static void requireP256(ECPublicKey key) {
        if (!P256.isP256(key.getParams())) {
            throw new IllegalArgumentException("not a P-256 key");
        }
    }
}
