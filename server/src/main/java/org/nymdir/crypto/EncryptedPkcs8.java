package org.nymdir.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.nymdir.crypto.Der.DerException;

/**
 * Passphrase-protected private keys: PKCS#8 {@code ENCRYPTED PRIVATE KEY} with PBES2 (RFC 8018), PBKDF2 and
 * AES-CBC.
 *
 * <p>Written as PBKDF2-HMAC-SHA256 + AES-256-CBC, the scheme Python's cryptography itself writes for
 * {@code BestAvailableEncryption} and reads back. We build the DER ourselves: JDK 25's
 * {@code EncryptedPrivateKeyInfo} cannot encode PBES2 parameters before the (preview) PEM API, and does not
 * let us choose the layout. Read: the same scheme with HMAC-SHA1/256/512 and AES-128/192/256, which covers
 * what OpenSSL 1.x and 3.x and every cryptography release have written.
 *
 * <p>The passphrase is encoded as UTF-8 (the JDK's PBKDF2 does so), as Python does with
 * {@code passphrase.encode()}.
 */
public final class EncryptedPkcs8 {
    /**
     * Iterations we write: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Python writes only 2,048; a key file
     * is opened once per start, so the extra second is affordable.
     */
    public static final int DEFAULT_ITERATIONS = 600_000;

    /** Refuse files that would make us spin for minutes. */
    static final int MAX_ITERATIONS = 10_000_000;

    private static final int SALT_BYTES = 16;
    private static final int IV_BYTES = 16;

    private EncryptedPkcs8() {}

    /** An {@code ENCRYPTED PRIVATE KEY} PEM of the pair, with {@link #DEFAULT_ITERATIONS}. */
    public static String encryptToPem(EcKeyPair pair, char[] passphrase, SecureRandom random) {
        return encryptToPem(pair, passphrase, DEFAULT_ITERATIONS, random);
    }

    public static String encryptToPem(EcKeyPair pair, char[] passphrase, int iterations, SecureRandom random) {
        if (passphrase == null || passphrase.length == 0) {
            throw new IllegalArgumentException("an empty passphrase protects nothing");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations out of range: " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(salt);
        random.nextBytes(iv);
        byte[] plain = PemKeys.pkcs8(pair);
        byte[] key = null;
        try {
            key = pbkdf2("PBKDF2WithHmacSHA256", passphrase, salt, iterations, 32);
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            byte[] encrypted = aes.doFinal(plain);
            byte[] algorithm = Der.sequence(
                    Der.oid(Oids.PBES2),
                    Der.sequence(
                            Der.sequence(
                                    Der.oid(Oids.PBKDF2),
                                    Der.sequence(
                                            Der.octetString(salt),
                                            Der.integer(iterations),
                                            Der.sequence(Der.oid(Oids.HMAC_SHA256), Der.nullValue()))),
                            Der.sequence(Der.oid(Oids.AES256_CBC), Der.octetString(iv))));
            return Pem.encode(PemKeys.ENCRYPTED_PRIVATE_KEY, Der.sequence(algorithm, Der.octetString(encrypted)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC or PBKDF2 missing from this JDK", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /** Decrypts a DER EncryptedPrivateKeyInfo to the DER PKCS#8 inside. */
    static byte[] decrypt(byte[] der, char[] passphrase) throws InvalidKeyMaterialException {
        Params params;
        byte[] encrypted;
        try {
            Der.Reader outer = new Der.Reader(der);
            Der.Reader info = outer.enter(Der.SEQUENCE);
            outer.expectEnd();
            params = readPbes2(info.enter(Der.SEQUENCE));
            encrypted = info.read(Der.OCTET_STRING);
            info.expectEnd();
        } catch (DerException e) {
            throw new InvalidKeyMaterialException("malformed encrypted private key: " + e.getMessage());
        }
        byte[] key = null;
        try {
            key = pbkdf2(params.prf, passphrase, params.salt, params.iterations, params.keyBytes);
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(params.iv));
            return aes.doFinal(encrypted);
        } catch (BadPaddingException e) {
            throw new InvalidKeyMaterialException(
                    "cannot decrypt the private key: wrong passphrase, or the file is damaged");
        } catch (GeneralSecurityException | RuntimeException e) { // e.g. an empty salt, which PBEKeySpec refuses
            throw new InvalidKeyMaterialException("cannot decrypt the private key: " + e.getMessage(), e);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private record Params(String prf, byte[] salt, int iterations, int keyBytes, byte[] iv) {}

    private static Params readPbes2(Der.Reader algorithm) throws DerException, InvalidKeyMaterialException {
        if (!Arrays.equals(algorithm.read(Der.OID), Oids.PBES2)) {
            throw new InvalidKeyMaterialException("encrypted private key uses a scheme other than PBES2");
        }
        Der.Reader pbes2 = algorithm.enter(Der.SEQUENCE);
        algorithm.expectEnd();

        Der.Reader kdf = pbes2.enter(Der.SEQUENCE);
        kdf.expectOid(Oids.PBKDF2, "PBKDF2");
        Der.Reader kdfParams = kdf.enter(Der.SEQUENCE);
        kdf.expectEnd();
        byte[] salt = kdfParams.read(Der.OCTET_STRING);
        int iterations = kdfParams.readSmallInteger(MAX_ITERATIONS);
        if (iterations < 1) {
            throw new InvalidKeyMaterialException("PBKDF2 iteration count out of range");
        }
        int keyLength = -1;
        if (kdfParams.hasMore() && kdfParams.peekTag() == Der.INTEGER) {
            keyLength = kdfParams.readSmallInteger(64);
        }
        String prf = "PBKDF2WithHmacSHA1"; // RFC 8018 default when absent
        if (kdfParams.hasMore()) {
            Der.Reader prfId = kdfParams.enter(Der.SEQUENCE);
            prf = prfName(prfId.read(Der.OID));
            if (prfId.hasMore()) {
                prfId.expectNull();
            }
            prfId.expectEnd();
        }
        kdfParams.expectEnd();

        Der.Reader cipher = pbes2.enter(Der.SEQUENCE);
        pbes2.expectEnd();
        int keyBytes = aesKeyBytes(cipher.read(Der.OID));
        byte[] iv = cipher.read(Der.OCTET_STRING);
        cipher.expectEnd();
        if (iv.length != IV_BYTES) {
            throw new InvalidKeyMaterialException("AES-CBC IV of the wrong length");
        }
        if (keyLength != -1 && keyLength != keyBytes) {
            throw new InvalidKeyMaterialException("PBKDF2 key length does not match the cipher");
        }
        return new Params(prf, salt, iterations, keyBytes, iv);
    }

    private static String prfName(byte[] oid) throws InvalidKeyMaterialException {
        if (Arrays.equals(oid, Oids.HMAC_SHA256)) {
            return "PBKDF2WithHmacSHA256";
        }
        if (Arrays.equals(oid, Oids.HMAC_SHA1)) {
            return "PBKDF2WithHmacSHA1";
        }
        if (Arrays.equals(oid, Oids.HMAC_SHA512)) {
            return "PBKDF2WithHmacSHA512";
        }
        throw new InvalidKeyMaterialException("unsupported PBKDF2 PRF");
    }

    private static int aesKeyBytes(byte[] oid) throws InvalidKeyMaterialException {
        if (Arrays.equals(oid, Oids.AES256_CBC)) {
            return 32;
        }
        if (Arrays.equals(oid, Oids.AES192_CBC)) {
            return 24;
        }
        if (Arrays.equals(oid, Oids.AES128_CBC)) {
            return 16;
        }
        throw new InvalidKeyMaterialException("unsupported PBES2 cipher (AES-CBC only)");
    }

    static byte[] pbkdf2(String algorithm, char[] password, byte[] salt, int iterations, int keyBytes)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }
}
