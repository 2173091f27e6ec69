package org.nymdir.directory;

import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;

/**
 * {@link SignatureVerifier} on {@link Ecdsa}, with a bounded cache of parsed keys: every relayed message
 * verifies against its sender's stored PEM, and parsing it each time would cost as much as a quarter of the
 * verification itself.
 */
public final class EcdsaVerifier implements SignatureVerifier {
    private final Ecdsa ecdsa;
    private final Map<String, ECPublicKey> keys;

    public EcdsaVerifier(Ecdsa ecdsa, int cachedKeys) {
        this.ecdsa = ecdsa;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ECPublicKey> eldest) {
                return size() > cachedKeys;
            }
        };
    }

    @Override
    public boolean isValidPublicKey(String pem) {
        return key(pem) != null;
    }

    @Override
    public boolean verify(String publicKeyPem, byte[] message, String signatureHex) {
        ECPublicKey key = key(publicKeyPem);
        return key != null && ecdsa.verifyHex(key, message, signatureHex);
    }

    @Override
    public boolean sameKey(String registeredPem, String claimedPem) {
        if (registeredPem.equals(claimedPem)) {
            return true;
        }
        ECPublicKey registered = key(registeredPem);
        try {
            // Not through the cache: the claimed text is the sender's to choose, only the registered key is ours.
            ECPublicKey claimed = PemKeys.parsePublicKey(claimedPem);
            return registered != null && Arrays.equals(registered.getEncoded(), claimed.getEncoded());
        } catch (InvalidKeyMaterialException e) {
            return false;
        }
    }

    private ECPublicKey key(String pem) {
        synchronized (keys) {
            ECPublicKey cached = keys.get(pem);
            if (cached != null) {
                return cached;
            }
        }
        ECPublicKey parsed;
        try {
            parsed = PemKeys.parsePublicKey(pem);
        } catch (InvalidKeyMaterialException e) {
            return null;
        }
        synchronized (keys) {
            keys.put(pem, parsed);
        }
        return parsed;
    }
}
