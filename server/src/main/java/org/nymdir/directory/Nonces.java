package org.nymdir.directory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/** Challenge nonces: 16 random bytes as 32 lower-case hex characters, as the original's token_hex(16). */
public final class Nonces implements Supplier<String> {
    private final SecureRandom random;

    public Nonces(SecureRandom random) {
        this.random = random;
    }

    @Override
    public String get() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
