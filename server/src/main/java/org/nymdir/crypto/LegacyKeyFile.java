package org.nymdir.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The original nymDirectory's encrypted key file, {@code <id>_private_key.enc}, so that existing keys keep
 * working: base64 of salt(16) | iv(12) | tag(16) | AES-256-GCM ciphertext of a PKCS#8 PEM, with the AES key
 * PBKDF2-HMAC-SHA256(password, salt, 100,000 iterations, 32 bytes). Note the tag sits before the
 * ciphertext, unlike the JDK's GCM output, and there is no associated data.
 */
final class LegacyKeyFile {
    static final int SALT_BYTES = 16;
    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int ITERATIONS = 100_000;

    /** A P-256 PKCS#8 PEM is about 240 bytes; refuse anything absurd before decoding it. */
    static final int MAX_FILE_CHARS = 16 * 1024;

    private static final int HEADER = SALT_BYTES + IV_BYTES + TAG_BYTES;

    private LegacyKeyFile() {}

    /** The file's text: base64 without line breaks or a final newline, as Python's {@code b64encode} gives. */
    static String seal(byte[] plaintext, char[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(salt);
        random.nextBytes(iv);
        byte[] key = null;
        try {
            key = EncryptedPkcs8.pbkdf2("PBKDF2WithHmacSHA256", password, salt, ITERATIONS, 32);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            byte[] sealed = gcm.doFinal(plaintext); // ciphertext | tag
            int ciphertextLength = sealed.length - TAG_BYTES;
            byte[] out = new byte[HEADER + ciphertextLength];
            System.arraycopy(salt, 0, out, 0, SALT_BYTES);
            System.arraycopy(iv, 0, out, SALT_BYTES, IV_BYTES);
            System.arraycopy(sealed, ciphertextLength, out, SALT_BYTES + IV_BYTES, TAG_BYTES);
            System.arraycopy(sealed, 0, out, HEADER, ciphertextLength);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM or PBKDF2 missing from this JDK", e);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /**
     * Decrypts the file's text. Base64 is read leniently, as Python's {@code b64decode} does (characters
     * outside the alphabet, such as a newline an editor added, are skipped).
     *
     * @throws InvalidKeyMaterialException malformed, or the tag does not verify (wrong password or damage)
     */
    static byte[] open(String fileText, char[] password) throws InvalidKeyMaterialException {
        if (fileText.length() > MAX_FILE_CHARS) {
            throw new InvalidKeyMaterialException("encrypted key file is too large");
        }
        byte[] data;
        try {
            data = Base64.getMimeDecoder().decode(fileText.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyMaterialException("encrypted key file is not base64");
        }
        if (data.length <= HEADER) {
            throw new InvalidKeyMaterialException("encrypted key file is too short");
        }
        byte[] salt = Arrays.copyOfRange(data, 0, SALT_BYTES);
        byte[] iv = Arrays.copyOfRange(data, SALT_BYTES, SALT_BYTES + IV_BYTES);
        byte[] sealed = new byte[data.length - SALT_BYTES - IV_BYTES]; // rearranged to ciphertext | tag
        System.arraycopy(data, HEADER, sealed, 0, data.length - HEADER);
        System.arraycopy(data, SALT_BYTES + IV_BYTES, sealed, data.length - HEADER, TAG_BYTES);
        byte[] key = null;
        try {
            key = EncryptedPkcs8.pbkdf2("PBKDF2WithHmacSHA256", password, salt, ITERATIONS, 32);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            return gcm.doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw new InvalidKeyMaterialException("AES-GCM tag mismatch");
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyMaterialException("cannot decrypt: " + e.getMessage(), e);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }
}
