package org.nymdir.jmh;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.EcdsaProvider;
import org.nymdir.crypto.Signer;
import org.nymdir.dialect.json.PythonJson;

/** Keys and requests shaped like the bench's (and nymCHAT's): made once per benchmark trial. */
final class Fixture {
    static final SecureRandom RANDOM = new SecureRandom();

    private Fixture() {
    }

    /** "native" (AWS-LC, when it loads) or "jdk" (SunEC). */
    static Ecdsa ecdsa(String provider) {
        return new Ecdsa(switch (provider) {
            case "native" -> EcdsaProvider.choose(EcdsaProvider.Preference.NATIVE);
            case "jdk" -> EcdsaProvider.jdk();
            default -> throw new IllegalArgumentException(provider);
        });
    }

    /** The directory's signer: a key converted once into the provider's form, as ServerIdentity does. */
    static Signer signer(Ecdsa ecdsa) {
        PrivateKey key = ecdsa.provider().importPrivateKey(EcKeyPair.generate(RANDOM).privateKey());
        return message -> ecdsa.signHex(key, message);
    }

    /** Every rate limit on, at a rate no benchmark reaches. */
    static java.util.Map<org.nymdir.directory.limits.Limit, org.nymdir.directory.limits.Rate> unlimited() {
        java.util.Map<org.nymdir.directory.limits.Limit, org.nymdir.directory.limits.Rate> m =
                new java.util.EnumMap<>(org.nymdir.directory.limits.Limit.class);
        for (org.nymdir.directory.limits.Limit l : org.nymdir.directory.limits.Limit.values()) {
            m.put(l, new org.nymdir.directory.limits.Rate(1_000_000_000, 1_000_000_000));
        }
        return m;
    }

    /** The content of a relay with a body of about 256 bytes, as the Python client renders it. */
    static String content(String from, String to) {
        return "{\"sender\": \"" + from + "\", \"recipient\": \"" + to + "\", \"body\": {\"id\": \"BENCH#1#\", "
                + "\"pad\": \"" + "x".repeat(216) + "\"}, \"encrypted\": true}";
    }

    /** A send request of {@code content}, signed by {@code key}. */
    static String send(Ecdsa ecdsa, PrivateKey key, String content) {
        String signature = ecdsa.signHex(key, content.getBytes(StandardCharsets.UTF_8));
        StringBuilder b = new StringBuilder("{\"action\": \"send\", \"content\": ");
        PythonJson.writeString(content, b).append(", \"signature\": ");
        return PythonJson.writeString(signature, b).append('}').toString();
    }
}
