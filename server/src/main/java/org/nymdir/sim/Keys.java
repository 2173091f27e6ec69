package org.nymdir.sim;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import org.nymdir.mixnet.addressing.NymAddress;

/**
 * Makes nym addresses out of real public keys, so a simulated address would also pass nym-client's own checks
 * (its ed25519 parts must be curve points). The private keys are thrown away: nothing here encrypts.
 */
final class Keys {
    private Keys() {
    }

    static NymAddress newAddress(byte[] gateway) {
        return new NymAddress(rawPublicKey("Ed25519"), rawPublicKey("X25519"), gateway);
    }

    /** The 32 raw key bytes: the tail of the X.509 encoding for both Ed25519 and X25519. */
    static byte[] rawPublicKey(String algorithm) {
        try {
            byte[] encoded = KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic().getEncoded();
            return Arrays.copyOfRange(encoded, encoded.length - NymAddress.KEY_SIZE, encoded.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }
}
