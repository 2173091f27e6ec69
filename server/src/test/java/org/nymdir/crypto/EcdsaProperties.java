package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class EcdsaProperties {
    private static final Ecdsa ECDSA = new Ecdsa(EcdsaProvider.jdk());
    private static final EcKeyPair PAIR = EcKeyPair.generate(new SecureRandom());
    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.UTF_8);

    @Property(tries = 300)
    void anySignatureTextIsFalseNeverAnException(@ForAll String signature) {
        assertThat(ECDSA.verifyHex(PAIR.publicKey(), MESSAGE, signature)).isFalse();
    }

    @Property(tries = 300)
    void anySignatureBytesAreFalseNeverAnException(@ForAll @Size(max = 80) byte[] signature) {
        assertThat(ECDSA.verifyHex(PAIR.publicKey(), MESSAGE, HexFormat.of().formatHex(signature))).isFalse();
    }

    @Property(tries = 50)
    void signaturesOfAnyMessageVerify(@ForAll byte[] message) {
        assertThat(ECDSA.verifyHex(PAIR.publicKey(), message, ECDSA.signHex(PAIR.privateKey(), message))).isTrue();
    }
}
