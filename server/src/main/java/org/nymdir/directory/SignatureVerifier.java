package org.nymdir.directory;

/**
 * Checks user keys and signatures (ECDSA P-256 / SHA-256 over the exact bytes that were sent). An interface
 * so the directory stays free of provider choices and key caching; implementations never throw on bad
 * input, they answer {@code false}.
 */
public interface SignatureVerifier {

    /** Whether {@code pem} is a P-256 SubjectPublicKeyInfo PEM that can verify signatures. */
    boolean isValidPublicKey(String pem);

    /** Whether {@code signatureHex} (DER, hex in either case) is a valid signature of {@code message}. */
    boolean verify(String publicKeyPem, byte[] message, String signatureHex);

    /**
     * Whether {@code claimedPem} is the same key as {@code registeredPem} (the same text, or a PEM of the same
     * key); {@code false} when it is not a key at all.
     */
    boolean sameKey(String registeredPem, String claimedPem);
}
