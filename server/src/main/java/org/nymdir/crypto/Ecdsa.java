package org.nymdir.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import java.util.Objects;

/**
 * ECDSA P-256 / SHA-256 as nymCHAT uses it: DER signatures, carried as hex.
 *
 * <p>Verification is total: bad hex, a malformed or oversized signature, a wrong key, garbage of any kind
 * give {@code false}, never an exception, so no request can end a receive loop. Signatures longer than
 * {@value #MAX_SIGNATURE_HEX_CHARS} hex characters are refused before decoding.
 *
 * <p>Thread-safe. A {@link Signature} is made per call: that costs about a microsecond against ~140 us to
 * sign and ~420 us to verify (SunEC), and unlike a thread-local it does not pin one per virtual thread.
 */
public final class Ecdsa {
    public static final int MAX_SIGNATURE_HEX_CHARS = EcdsaSignatures.MAX_HEX_CHARS;

    private static final HexFormat HEX = HexFormat.of();

    private final EcdsaProvider provider;

    public Ecdsa(EcdsaProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** On the process-wide provider ({@link EcdsaProvider#getDefault()}). */
    public static Ecdsa withDefaultProvider() {
        return new Ecdsa(EcdsaProvider.getDefault());
    }

    public EcdsaProvider provider() {
        return provider;
    }

    /** A DER signature of the message. */
    public byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = provider.newSignature();
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            // Only a key of the wrong kind or a broken provider gets here: a programming error, not input.
            throw new IllegalStateException("ECDSA signing failed with " + provider.name(), e);
        }
    }

    /** A DER signature of the message in lower-case hex, as nymCHAT sends it. */
    public String signHex(PrivateKey key, byte[] message) {
        return HEX.formatHex(sign(key, message));
    }

    /** True only if the DER signature is well-formed and valid for the message and key. */
    public boolean verify(PublicKey key, byte[] message, byte[] derSignature) {
        if (key == null || message == null || !EcdsaSignatures.isWellFormed(derSignature)) {
            return false;
        }
        if (key instanceof ECPublicKey ec && !P256.isP256(ec.getParams())) {
            return false;
        }
        try {
            Signature signature = provider.newSignature();
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(derSignature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** True only if the hex (either case) holds a valid DER signature of the message by the key. */
    public boolean verifyHex(PublicKey key, byte[] message, String hexSignature) {
        byte[] der = EcdsaSignatures.parseHex(hexSignature);
        return der != null && verify(key, message, der);
    }

    /**
     * As {@link #verifyHex(PublicKey, byte[], String)} with the key as a PEM; a PEM that does not parse as a
     * P-256 public key gives false. Callers that verify often against one key should parse it once instead.
     */
    public boolean verifyHex(String publicKeyPem, byte[] message, String hexSignature) {
        byte[] der = EcdsaSignatures.parseHex(hexSignature);
        if (der == null) {
            return false;
        }
        try {
            return verify(PemKeys.parsePublicKey(publicKeyPem), message, der);
        } catch (InvalidKeyMaterialException e) {
            return false;
        }
    }
}
