package org.nymdir.crypto;

/** Encoded contents (without tag and length) of the object identifiers we read and write. */
final class Oids {
    private Oids() {}

    /** 1.2.840.10045.2.1 id-ecPublicKey */
    static final byte[] EC_PUBLIC_KEY = bytes(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);
    /** 1.2.840.10045.3.1.7 prime256v1 / secp256r1 */
    static final byte[] PRIME256V1 = bytes(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07);
    /** 1.2.840.113549.1.5.13 PBES2 */
    static final byte[] PBES2 = bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d);
    /** 1.2.840.113549.1.5.12 PBKDF2 */
    static final byte[] PBKDF2 = bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c);
    /** 1.2.840.113549.2.7 hmacWithSHA1 (the PBKDF2 default when the PRF is absent) */
    static final byte[] HMAC_SHA1 = bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x07);
    /** 1.2.840.113549.2.9 hmacWithSHA256 */
    static final byte[] HMAC_SHA256 = bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09);
    /** 1.2.840.113549.2.11 hmacWithSHA512 */
    static final byte[] HMAC_SHA512 = bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0b);
    /** 2.16.840.1.101.3.4.1.2 aes128-CBC */
    static final byte[] AES128_CBC = bytes(0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02);
    /** 2.16.840.1.101.3.4.1.22 aes192-CBC */
    static final byte[] AES192_CBC = bytes(0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x16);
    /** 2.16.840.1.101.3.4.1.42 aes256-CBC */
    static final byte[] AES256_CBC = bytes(0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a);

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
