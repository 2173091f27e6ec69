package org.nymdir.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * A P-256 private key with its public key. Kept together because key files carry both (Python's
 * cryptography writes the public key into the PKCS#8 structure) and because the JDK cannot derive one from
 * the other on demand.
 */
public record EcKeyPair(ECPrivateKey privateKey, ECPublicKey publicKey) {
    public EcKeyPair {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** A fresh P-256 key pair from the JDK's generator. */
    public static EcKeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = Jca.keyPairGenerator();
            generator.initialize(P256.SPEC, random);
            KeyPair pair = generator.generateKeyPair();
            return new EcKeyPair((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    /** The public key as Python writes it; safe to show. */
    public String publicKeyPem() {
        return PemKeys.publicKeyPem(publicKey);
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "EcKeyPair[P-256, private key hidden]";
    }
}
