package org.nymdir.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;

/** A chat user for tests: a name and a real P-256 key that signs like a nymCHAT client. */
public record TestUser(String name, EcKeyPair keys) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Ecdsa ECDSA = Ecdsa.withDefaultProvider();

    public static TestUser named(String name) {
        return new TestUser(name, EcKeyPair.generate(RANDOM));
    }

    public String publicKeyPem() {
        return keys.publicKeyPem();
    }

    /**
     * The public key PEM behind text that makes it {@code chars} long (a PEM may have 4,096): the armour's
     * reader skips text before the BEGIN line, so this is the same key, in a text no other call makes when
     * {@code unique} differs. What an attacker sends to make each request's key text new.
     */
    public String paddedPublicKeyPem(String unique, int chars) {
        String pem = publicKeyPem();
        int fill = chars - pem.length() - unique.length() - 1;
        if (fill < 0) {
            throw new IllegalArgumentException("no room for " + unique.length() + " characters of padding");
        }
        return unique + "x".repeat(fill) + "\n" + pem;
    }

    /** Hex DER signature over the UTF-8 bytes of {@code text}, as the Python client makes it. */
    public String sign(String text) {
        return ECDSA.signHex(keys.privateKey(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex DER signature over raw bytes (usable as a {@code Signer}). */
    public String signBytes(byte[] message) {
        return ECDSA.signHex(keys.privateKey(), message);
    }
}
