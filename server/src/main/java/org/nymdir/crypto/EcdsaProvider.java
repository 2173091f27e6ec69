package org.nymdir.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which JCA provider computes ECDSA P-256 / SHA-256: the one seam for swapping the implementation.
 *
 * <p>Today the JDK's SunEC. The AWS-LC based {@code AmazonCorrettoCryptoProvider} signs about 7x and verifies
 * about 8x faster (design.md, "Numbers"); {@link #loadNative()} already looks for it by reflection, so adding
 * the dependency (classifier {@code linux-x86_64}) is enough to use it where its native library loads and
 * passes its own health check. Whatever is chosen must also pass our known-answer test against a signature
 * made by Python's cryptography, or we fall back to the JDK: identical results either way.
 *
 * <p>Chosen by {@link Preference}: {@code auto}, {@code jdk} or {@code native}. A directory takes it from its
 * settings ({@code NYMDIR_CRYPTO_PROVIDER}); the process default, for clients, tools and tests, is {@code auto}
 * unless the system property {@value #PROPERTY} says otherwise (the build runs the crypto tests once more with
 * {@code jdk}). Tests force one with {@link #jdk()} or {@link #of(Provider)}.
 */
public final class EcdsaProvider {
    public static final String PROPERTY = "nymdir.crypto.provider";
    static final String ALGORITHM = "SHA256withECDSA";

    private static final Logger log = LoggerFactory.getLogger(EcdsaProvider.class);
    private static final String NATIVE_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    /** One choice per preference, made (and logged) once per process. */
    private static final Map<Preference, EcdsaProvider> CHOSEN = new EnumMap<>(Preference.class);

    public enum Preference {
        /** The native provider when it loads and passes its self-tests, else the JDK's. */
        AUTO,
        /** The JDK's SunEC, always. */
        JDK,
        /** The native provider, or fail: for operators who must not run slow without noticing. */
        NATIVE;

        public static Preference parse(String text) {
            if (text == null || text.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + " must be auto, jdk or native, not: " + text);
            }
        }
    }

    private final Provider provider;

    private EcdsaProvider(Provider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** The JDK's SunEC. */
    public static EcdsaProvider jdk() {
        Provider sunEc = Jca.sunEc();
        if (sunEc == null) {
            throw new IllegalStateException("this JDK has no SunEC provider");
        }
        return new EcdsaProvider(sunEc);
    }

    /** A given provider, unchecked: for tests, benchmarks and callers that did their own checks. */
    public static EcdsaProvider of(Provider provider) {
        return new EcdsaProvider(provider);
    }

    /** The provider for this process: chosen once, by {@link #defaultPreference()}, and logged. */
    public static EcdsaProvider getDefault() {
        return forPreference(defaultPreference());
    }

    /** {@code auto}, unless the system property {@value #PROPERTY} names another. */
    public static Preference defaultPreference() {
        return Preference.parse(System.getProperty(PROPERTY));
    }

    /** The provider for {@code preference}, chosen by {@link #choose} the first time it is asked for. */
    public static EcdsaProvider forPreference(Preference preference) {
        synchronized (CHOSEN) {
            EcdsaProvider chosen = CHOSEN.get(preference);
            if (chosen == null) {
                chosen = choose(preference);
                CHOSEN.put(preference, chosen);
            }
            return chosen;
        }
    }

    /** Chooses by preference, runs the known-answer test on the choice, and logs what was chosen and why. */
    public static EcdsaProvider choose(Preference preference) {
        if (preference != Preference.JDK) {
            Optional<Provider> candidate = loadNative();
            if (candidate.isPresent()) {
                EcdsaProvider nativeProvider = new EcdsaProvider(candidate.get());
                if (nativeProvider.passesSelfTest()) {
                    log.info("ECDSA provider: {} (native)", nativeProvider.name());
                    return nativeProvider;
                }
                log.warn("ECDSA provider {} failed the known-answer test; not used", nativeProvider.name());
            }
            if (preference == Preference.NATIVE) {
                throw new IllegalStateException("the native ECDSA provider was asked for (native) but it is"
                        + " not available here; see the log above, or choose auto or jdk");
            }
        }
        EcdsaProvider jdk = jdk();
        if (!jdk.passesSelfTest()) {
            throw new IllegalStateException("the JDK's ECDSA failed its known-answer test");
        }
        log.info("ECDSA provider: {} (JDK)", jdk.name());
        return jdk;
    }

    /**
     * The AWS-LC based provider when it is on the class path, its native library loaded and its own health
     * check passes; otherwise empty (the reason is logged at debug, or info when it is there but broken).
     * Reflection keeps it an optional dependency: the JDK path works without the jar.
     */
    static Optional<Provider> loadNative() {
        try {
            Class<?> type = Class.forName(NATIVE_CLASS);
            Provider instance = (Provider) type.getField("INSTANCE").get(null);
            Object loadingError = type.getMethod("getLoadingError").invoke(instance);
            if (loadingError != null) {
                log.info("native ECDSA provider present but its library did not load: {}", loadingError);
                return Optional.empty();
            }
            type.getMethod("assertHealthy").invoke(instance);
            return Optional.of(instance);
        } catch (ClassNotFoundException e) {
            log.debug("native ECDSA provider not on the class path");
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.info("native ECDSA provider unusable: {}", cause.toString());
            return Optional.empty();
        }
    }

    /** A new Signature for ECDSA P-256 / SHA-256 (about 1 us: cheaper than a thread-local per virtual thread). */
    Signature newSignature() throws NoSuchAlgorithmException {
        return Signature.getInstance(ALGORITHM, provider);
    }

    public String name() {
        return provider.getName();
    }

    /**
     * The key in this provider's own representation, converted once: a native provider given a JDK key
     * would otherwise re-import it on every signature. The key itself when the provider cannot convert it.
     */
    public PrivateKey importPrivateKey(PrivateKey key) {
        return (PrivateKey) importKey(key);
    }

    /** As {@link #importPrivateKey(PrivateKey)}, for a public key a caller verifies against many times. */
    public PublicKey importPublicKey(PublicKey key) {
        return (PublicKey) importKey(key);
    }

    private Key importKey(Key key) {
        try {
            Key translated = KeyFactory.getInstance("EC", provider).translateKey(key);
            return translated != null ? translated : key;
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    public Provider provider() {
        return provider;
    }

    @Override
    public String toString() {
        return "EcdsaProvider[" + name() + "]";
    }

    // ---- known-answer test ----

    /** Made once with Python's cryptography: its key, message and signature. */
    private static final String KAT_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEOHD/t331zvBi7v7yTz4n7RIUP21X
            YVlRYrChaPPoZES5Ep1MWedD1kSUnsf68dogziKkSTkHbQGcTKeP3Wwjig==
            -----END PUBLIC KEY-----
            """;
    private static final byte[] KAT_MESSAGE = "nymdir ECDSA provider self-test".getBytes(StandardCharsets.US_ASCII);
    private static final String KAT_SIGNATURE = "3045022100c34b735fad201a33f3c2ec26e6f1c9e6a39364983fb0d81e986a4dcd"
            + "5a32fca1022049cbb8e427fdc8348f572b2be807a3c330e5c3b8623ffa8d1752e62bdac681ac";

    /**
     * Verifies a known signature, rejects it for another message, and round-trips a fresh signature both
     * ways with the JDK: a provider that fails any of these would make us disagree with other nodes.
     */
    boolean passesSelfTest() {
        try {
            ECPublicKey katKey = PemKeys.parsePublicKey(KAT_PUBLIC_KEY);
            byte[] katSignature = HexFormat.of().parseHex(KAT_SIGNATURE);
            if (!verifyRaw(this, katKey, KAT_MESSAGE, katSignature)) {
                return false;
            }
            byte[] other = KAT_MESSAGE.clone();
            other[0] ^= 1;
            if (verifyRaw(this, katKey, other, katSignature)) {
                return false;
            }
            EcKeyPair fresh = EcKeyPair.generate(new SecureRandom());
            EcdsaProvider reference = jdk();
            byte[] ours = signRaw(this, fresh, KAT_MESSAGE);
            byte[] theirs = signRaw(reference, fresh, KAT_MESSAGE);
            return EcdsaSignatures.isWellFormed(ours)
                    && verifyRaw(reference, fresh.publicKey(), KAT_MESSAGE, ours)
                    && verifyRaw(this, fresh.publicKey(), KAT_MESSAGE, theirs);
        } catch (GeneralSecurityException | InvalidKeyMaterialException | RuntimeException e) {
            log.warn("ECDSA provider {} self-test error: {}", name(), e.toString());
            return false;
        }
    }

    private static boolean verifyRaw(EcdsaProvider p, ECPublicKey key, byte[] message, byte[] signature)
            throws GeneralSecurityException {
        Signature s = p.newSignature();
        s.initVerify(key);
        s.update(message);
        return s.verify(signature);
    }

    private static byte[] signRaw(EcdsaProvider p, EcKeyPair pair, byte[] message) throws GeneralSecurityException {
        Signature s = p.newSignature();
        s.initSign(pair.privateKey());
        s.update(message);
        return s.sign();
    }
}
