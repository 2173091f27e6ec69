package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Whatever a stranger sends as a key, the only failure is the typed one. */
class PemKeysProperties {
    @Property
    void anyTextIsAKeyOrATypedFailure(@ForAll String text) {
        assertOnlyTypedFailure(text);
    }

    @Property
    void anyBytesInPemArmourAreAKeyOrATypedFailure(@ForAll @Size(max = 200) byte[] der) {
        assertOnlyTypedFailure(Pem.encode("PUBLIC KEY", der));
        assertOnlyTypedFailure("-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n");
    }

    @Property
    void anyBytesInAValidSpkiPrefixAreAKeyOrATypedFailure(@ForAll @Size(max = 70) byte[] point) {
        assertOnlyTypedFailure(Pem.encode("PUBLIC KEY",
                Der.sequence(Der.sequence(Der.oid(Oids.EC_PUBLIC_KEY), Der.oid(Oids.PRIME256V1)),
                        Der.bitString(point))));
    }

    private static void assertOnlyTypedFailure(String text) {
        try {
            if (text.contains("PRIVATE")) {
                PemKeys.parsePrivateKey(text, "x".toCharArray());
            } else {
                assertThat(PemKeys.parsePublicKey(text)).isNotNull();
            }
        } catch (InvalidKeyMaterialException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
