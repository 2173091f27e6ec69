package org.nymdir.crypto;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import javax.crypto.KeyAgreement;

/**
 * The JDK's own EC implementation (SunEC) for key handling: building, generating and converting keys, and
 * ECDH. Pinned so that installing another provider (see {@link EcdsaProvider}) never changes how key files
 * are read. The hot path, signing and verifying, goes through {@link EcdsaProvider} instead.
 */
final class Jca {
    private static final Provider SUN_EC = Security.getProvider("SunEC");

    private Jca() {}

    static KeyFactory keyFactory() throws NoSuchAlgorithmException {
        return SUN_EC != null ? KeyFactory.getInstance("EC", SUN_EC) : KeyFactory.getInstance("EC");
    }

    static KeyPairGenerator keyPairGenerator() throws NoSuchAlgorithmException {
        return SUN_EC != null ? KeyPairGenerator.getInstance("EC", SUN_EC) : KeyPairGenerator.getInstance("EC");
    }

    static KeyAgreement ecdh() throws NoSuchAlgorithmException {
        return SUN_EC != null ? KeyAgreement.getInstance("ECDH", SUN_EC) : KeyAgreement.getInstance("ECDH");
    }

    static Signature ecdsa() throws NoSuchAlgorithmException {
        return SUN_EC != null
                ? Signature.getInstance("SHA256withECDSA", SUN_EC)
                : Signature.getInstance("SHA256withECDSA");
    }

    /** The JDK's provider for ECDSA, or null on a JDK built without SunEC. */
    static Provider sunEc() {
        return SUN_EC;
    }
}
