package org.nymdir.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECPoint;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Well-formed P-256 public keys for names nobody registered (membership hiding): the same key for a name every
 * time, from a secret only the directory holds, indistinguishable without it from a real user's key.
 *
 * <p>The point is found by try-and-increment: x = HMAC-SHA256(secret, counter || name) reduced mod p, the
 * first x for which x^3 - 3x + b is a square gives the point (even y). P-256 has cofactor 1, so every such
 * point is a valid public key. Nobody knows a private key for it, so no signature verifies with it. Cost: four
 * modular square roots (about 0.1 ms) for almost every name, paid for known and unknown names alike by the
 * caller.
 */
public final class DecoyKeys {
    private static final String HMAC = "HmacSHA256";
    /** Candidates tried for every name, found or not. */
    private static final int MIN_TRIES = 4;

    private final SecretKeySpec secret;

    /** @param secret at least 32 bytes the directory keeps to itself (see {@link ServerIdentity#derivedSecret}) */
    public DecoyKeys(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("a decoy secret has at least 32 bytes");
        }
        this.secret = new SecretKeySpec(secret, HMAC);
    }

    /** The decoy key of {@code name}, as PEM in the format every nymCHAT client writes (and nymdir answers). */
    public String publicKeyPem(String name) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            ECPoint found = null;
            // Always MIN_TRIES candidates (each a modular square root), then more only if none was a point (1 name
            // in 16): so the work hardly varies from name to name, and never with whether the name exists.
            for (int counter = 0; counter < MIN_TRIES || found == null; counter++) {
                mac.update((byte) counter);
                BigInteger x = new BigInteger(1, mac.doFinal(nameBytes)).mod(P256.P);
                try {
                    ECPoint point = P256.decompress(x, false);
                    found = found == null ? point : found;
                } catch (InvalidKeyMaterialException notOnTheCurve) {
                    // about half of all x have no point: the next counter
                }
            }
            return PemKeys.publicKeyPem(PemKeys.toPublicKey(found));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has " + HMAC, e);
        } catch (InvalidKeyMaterialException e) {
            throw new IllegalStateException("a point of P-256 is a public key", e);
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "DecoyKeys[secret hidden]";
    }
}
