package org.nymdir.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;

/**
 * {@link SignatureVerifier} on {@link Ecdsa}, with a cache of parsed keys: every relayed message verifies
 * against its sender's stored PEM, and checking the point each time would cost as much as a quarter of the
 * verification itself.
 *
 * <p>The cache is keyed by the key's DER encoding, not by the text a request brought: the armour around a key
 * may be padded with anything up to the PEM limit, and keyed by text, every new padding of one key was a new
 * entry of 4 KiB. It is bounded in bytes (an estimate of the heap each entry holds), and frequency-aware
 * (Caffeine), so a flood of one-off keys passes through without pushing out the keys in daily use.
 */
public final class EcdsaVerifier implements SignatureVerifier {
    /**
     * Heap one cached key holds besides its encoding: the JDK's key object (about 430 bytes, measured on
     * SunEC's {@code ECPublicKeyImpl}), the cache's node and map entry, and the key string's header.
     */
    static final int ENTRY_OVERHEAD_BYTES = 640;

    private final Ecdsa ecdsa;
    private final Cache<String, ECPublicKey> keys; // key: the DER, one char per byte (ISO-8859-1)

    /** @param maxCacheBytes heap the parsed keys may hold together, estimated */
    public EcdsaVerifier(Ecdsa ecdsa, long maxCacheBytes) {
        this.ecdsa = ecdsa;
        // Maintenance (eviction) on the calling thread: no flood can outrun the bound.
        this.keys = Caffeine.newBuilder()
                .maximumWeight(maxCacheBytes)
                .weigher((String der, ECPublicKey key) -> ENTRY_OVERHEAD_BYTES + der.length())
                .executor(Runnable::run)
                .build();
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

    /** Heap the cached keys hold now, estimated as the bound counts it (for tests of the bound). */
    long cachedBytes() {
        keys.cleanUp();
        return keys.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** Whether the key of {@code pem} is cached now (for tests of the eviction). */
    boolean holds(String pem) {
        try {
            return keys.getIfPresent(new String(PemKeys.publicKeyDer(pem), StandardCharsets.ISO_8859_1)) != null;
        } catch (InvalidKeyMaterialException e) {
            return false;
        }
    }

    /** Keys cached now. */
    long cachedKeys() {
        keys.cleanUp();
        return keys.estimatedSize();
    }

    private ECPublicKey key(String pem) {
        byte[] der;
        try {
            der = PemKeys.publicKeyDer(pem);
        } catch (InvalidKeyMaterialException e) {
            return null;
        }
        // A String key (not the bytes): strings are comparable, so even colliding hashes stay fast to look up.
        String encoded = new String(der, StandardCharsets.ISO_8859_1);
        ECPublicKey cached = keys.getIfPresent(encoded);
        if (cached != null) {
            return cached;
        }
        ECPublicKey parsed;
        try {
            parsed = PemKeys.publicKeyFromDer(der);
        } catch (InvalidKeyMaterialException e) {
            return null; // not cached: a refusal costs a parse, and keeps no memory
        }
        keys.put(encoded, parsed);
        return parsed;
    }
}
