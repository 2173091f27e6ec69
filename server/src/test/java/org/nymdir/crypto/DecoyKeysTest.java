package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecoyKeysTest {
    private static byte[] secret(int seed) {
        byte[] s = new byte[32];
        s[0] = (byte) seed;
        return s;
    }

    @Test
    void aDecoyIsAP256KeyInTheStandardPemTheSameForItsNameAndSecret() throws Exception {
        DecoyKeys decoys = new DecoyKeys(secret(1));
        String real = EcKeyPair.generate(new SecureRandom()).publicKeyPem();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String pem = decoys.publicKeyPem("name" + i);
            assertThat(PemKeys.parsePublicKey(pem)).isNotNull();
            assertThat(pem).hasSameSizeAs(real).isEqualTo(decoys.publicKeyPem("name" + i));
            assertThat(new DecoyKeys(secret(1)).publicKeyPem("name" + i)).isEqualTo(pem);
            assertThat(seen.add(pem)).isTrue();
        }
        assertThat(new DecoyKeys(secret(2)).publicKeyPem("name0")).isNotEqualTo(decoys.publicKeyPem("name0"));
    }

    @Test
    void aShortSecretIsRefusedAndNeverPrinted() {
        assertThatThrownBy(() -> new DecoyKeys(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThat(new DecoyKeys(secret(1)).toString()).doesNotContain("0");
    }
}
