package org.nymdir.crypto;

/**
 * Key material (a PEM, a DER structure, an encrypted key file) is malformed, of the wrong kind (not a P-256
 * key), or cannot be decrypted with the given password. The message says which, and never contains key
 * material.
 */
public class InvalidKeyMaterialException extends Exception {
    public InvalidKeyMaterialException(String message) {
        super(message);
    }

    public InvalidKeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
