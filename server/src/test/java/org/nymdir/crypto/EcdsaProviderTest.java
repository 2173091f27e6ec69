package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class EcdsaProviderTest {
    @Test
    void theJdkPassesTheKnownAnswerTest() {
        assertThat(EcdsaProvider.jdk().passesSelfTest()).isTrue();
        assertThat(EcdsaProvider.choose(EcdsaProvider.Preference.JDK).name()).isEqualTo("SunEC");
    }

    @Test
    void autoFallsBackToTheJdkWhenNoNativeProviderLoads() {
        EcdsaProvider chosen = EcdsaProvider.choose(EcdsaProvider.Preference.AUTO);
        if (EcdsaProvider.loadNative().isEmpty()) {
            assertThat(chosen.name()).isEqualTo("SunEC");
            assertThatThrownBy(() -> EcdsaProvider.choose(EcdsaProvider.Preference.NATIVE))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("native");
        } else {
            assertThat(chosen.name()).isNotEqualTo("SunEC");
        }
    }

    @Test
    void theNativeProviderLoadsOnX86_64Linux() {
        // The dependency ships only this platform's library: here it must load, or we would run slow unnoticed.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").equals("amd64"));
        assertThat(EcdsaProvider.loadNative()).isPresent();
        assertThat(EcdsaProvider.choose(EcdsaProvider.Preference.NATIVE).name()).isNotEqualTo("SunEC");
    }

    @Test
    void preferenceParsesTheSystemPropertyValues() {
        assertThat(EcdsaProvider.Preference.parse(null)).isEqualTo(EcdsaProvider.Preference.AUTO);
        assertThat(EcdsaProvider.Preference.parse(" jdk ")).isEqualTo(EcdsaProvider.Preference.JDK);
        assertThat(EcdsaProvider.Preference.parse("Native")).isEqualTo(EcdsaProvider.Preference.NATIVE);
        assertThatThrownBy(() -> EcdsaProvider.Preference.parse("bouncy"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(EcdsaProvider.PROPERTY);
    }

    @Test
    void aProviderWithoutEcdsaFailsTheSelfTest() {
        assertThat(EcdsaProvider.of(java.security.Security.getProvider("SunJCE")).passesSelfTest()).isFalse();
    }

    @Test
    void importingAKeyIntoTheJdkKeepsItUsable() {
        EcKeyPair pair = EcKeyPair.generate(new SecureRandom());
        EcdsaProvider jdk = EcdsaProvider.jdk();
        Ecdsa ecdsa = new Ecdsa(jdk);
        byte[] message = {1, 2, 3};
        String signature = ecdsa.signHex(jdk.importPrivateKey(pair.privateKey()), message);
        assertThat(ecdsa.verifyHex(jdk.importPublicKey(pair.publicKey()), message, signature)).isTrue();
    }
}
