package org.nymdir.directory;

import java.security.SecureRandom;
import java.util.Map;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.Rate;
import org.nymdir.directory.limits.RateLimiter;

/**
 * The directory's policies, validated once.
 *
 * @param rates  rate limits to enforce (a limit missing from the map is off)
 * @param memory how much heap what strangers can grow may take
 * @param correspondenceSecret keys the record of who has written to whom (see {@link Correspondents}); stable
 *               across restarts in production (derived from the server key), random by default
 */
public record DirectoryConfig(ChallengePolicy challenges, RelayPolicy relay, Map<Limit, Rate> rates,
                              MemoryBounds memory, byte[] correspondenceSecret) {
    public DirectoryConfig {
        rates = Map.copyOf(rates);
        correspondenceSecret = correspondenceSecret.clone();
    }

    public static DirectoryConfig defaults() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new DirectoryConfig(ChallengePolicy.defaults(), RelayPolicy.defaults(), RateLimiter.defaults(),
                MemoryBounds.defaults(), secret);
    }

    @Override
    public byte[] correspondenceSecret() {
        return correspondenceSecret.clone();
    }

    public DirectoryConfig withCorrespondenceSecret(byte[] value) {
        return new DirectoryConfig(challenges, relay, rates, memory, value);
    }

    public DirectoryConfig withRelay(RelayPolicy value) {
        return new DirectoryConfig(challenges, value, rates, memory, correspondenceSecret);
    }

    public DirectoryConfig withRates(Map<Limit, Rate> value) {
        return new DirectoryConfig(challenges, relay, value, memory, correspondenceSecret);
    }

    public DirectoryConfig withChallenges(ChallengePolicy value) {
        return new DirectoryConfig(value, relay, rates, memory, correspondenceSecret);
    }

    public DirectoryConfig withMemory(MemoryBounds value) {
        return new DirectoryConfig(challenges, relay, rates, value, correspondenceSecret);
    }
}
