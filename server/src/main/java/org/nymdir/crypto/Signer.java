package org.nymdir.crypto;

/** Signs with the directory's own identity key: ECDSA P-256 / SHA-256, DER, lower-case hex. */
public interface Signer {
    String signHex(byte[] message);
}
