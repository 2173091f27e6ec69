package org.nymdir.jmh;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ECDSA P-256 as the directory uses it: verify a relay's signature (hex DER, strict shape checks included),
 * sign a reply. {@code verifyForeignKey} passes a JDK key to the provider, as the directory did before it
 * cached keys in the provider's own form.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EcdsaBench {
    @Param({"native", "jdk"})
    public String provider;

    private Ecdsa ecdsa;
    private PrivateKey signingKey;
    private PublicKey jdkKey;
    private PublicKey providerKey;
    private byte[] message;
    private String signature;

    @Setup
    public void setup() {
        ecdsa = Fixture.ecdsa(provider);
        EcKeyPair pair = EcKeyPair.generate(Fixture.RANDOM);
        signingKey = ecdsa.provider().importPrivateKey(pair.privateKey());
        jdkKey = pair.publicKey();
        providerKey = ecdsa.provider().importPublicKey(pair.publicKey());
        message = Fixture.content("alice", "bob").getBytes(StandardCharsets.UTF_8);
        signature = ecdsa.signHex(signingKey, message);
    }

    @Benchmark
    public boolean verify() {
        return ecdsa.verifyHex(providerKey, message, signature);
    }

    @Benchmark
    public boolean verifyForeignKey() {
        return ecdsa.verifyHex(jdkKey, message, signature);
    }

    @Benchmark
    public String sign() {
        return ecdsa.signHex(signingKey, message);
    }
}
