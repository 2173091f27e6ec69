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
 * @param names  puzzles, quarantine, expiry and membership hiding
 */
public record DirectoryConfig(ChallengePolicy challenges, RelayPolicy relay, Map<Limit, Rate> rates,
                              MemoryBounds memory, byte[] correspondenceSecret, NamePolicy names) {
    public DirectoryConfig {
        rates = Map.copyOf(rates);
        correspondenceSecret = correspondenceSecret.clone();
    }

    public static DirectoryConfig defaults() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new DirectoryConfig(ChallengePolicy.defaults(), RelayPolicy.defaults(), RateLimiter.defaults(),
                MemoryBounds.defaults(), secret, NamePolicy.defaults());
    }

    @Override
    public byte[] correspondenceSecret() {
        return correspondenceSecret.clone();
    }

    public DirectoryConfig withCorrespondenceSecret(byte[] value) {
        return new DirectoryConfig(challenges, relay, rates, memory, value, names);
    }

    public DirectoryConfig withRelay(RelayPolicy value) {
        return new DirectoryConfig(challenges, value, rates, memory, correspondenceSecret, names);
    }

    public DirectoryConfig withRates(Map<Limit, Rate> value) {
        return new DirectoryConfig(challenges, relay, value, memory, correspondenceSecret, names);
    }

    public DirectoryConfig withChallenges(ChallengePolicy value) {
        return new DirectoryConfig(value, relay, rates, memory, correspondenceSecret, names);
    }

    public DirectoryConfig withMemory(MemoryBounds value) {
        return new DirectoryConfig(challenges, relay, rates, value, correspondenceSecret, names);
    }

    public DirectoryConfig withNames(NamePolicy value) {
        return new DirectoryConfig(challenges, relay, rates, memory, correspondenceSecret, value);
    }
}
