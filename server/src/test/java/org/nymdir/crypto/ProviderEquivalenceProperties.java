package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The native provider and SunEC must agree on every verification, or two nodes (or a node before and after
 * the native library failed to load) would answer the same request differently. Signatures are randomised,
 * so "identical" means: each verifies the other's, and both reject the same tampered and malformed inputs.
 * Skipped where the native provider does not load.
 */
class ProviderEquivalenceProperties {
    private static final Optional<Ecdsa> NATIVE = EcdsaProvider.loadNative().map(p -> new Ecdsa(EcdsaProvider.of(p)));
    private static final Ecdsa JDK = new Ecdsa(EcdsaProvider.jdk());
    private static final EcKeyPair PAIR = EcKeyPair.generate(new SecureRandom());

    @Property(tries = 100)
    void eachVerifiesTheOthersSignatures(@ForAll @Size(max = 300) byte[] message) {
        Assume.that(NATIVE.isPresent());
        Ecdsa fast = NATIVE.get();
        String byNative = fast.signHex(fast.provider().importPrivateKey(PAIR.privateKey()), message);
        String byJdk = JDK.signHex(PAIR.privateKey(), message);
        assertThat(JDK.verifyHex(PAIR.publicKey(), message, byNative)).isTrue();
        assertThat(fast.verifyHex(PAIR.publicKey(), message, byJdk)).isTrue();
        assertThat(fast.verifyHex(fast.provider().importPublicKey(PAIR.publicKey()), message, byJdk)).isTrue();
    }

    @Property(tries = 200)
    void bothGiveTheSameAnswerForATamperedSignature(@ForAll @Size(min = 1, max = 100) byte[] message,
            @ForAll @IntRange(min = 0, max = 71) int position, @ForAll @IntRange(min = 1, max = 255) int flip) {
        Assume.that(NATIVE.isPresent());
        byte[] der = HexFormat.of().parseHex(JDK.signHex(PAIR.privateKey(), message));
        if (position < der.length) {
            der[position] ^= (byte) flip;
        }
        assertThat(NATIVE.get().verify(PAIR.publicKey(), message, der))
                .isEqualTo(JDK.verify(PAIR.publicKey(), message, der));
    }

    @Property(tries = 200)
    void bothRefuseGarbageAlike(@ForAll @Size(max = 80) byte[] signature, @ForAll byte[] message) {
        Assume.that(NATIVE.isPresent());
        assertThat(NATIVE.get().verify(PAIR.publicKey(), message, signature))
                .isEqualTo(JDK.verify(PAIR.publicKey(), message, signature));
    }
}
