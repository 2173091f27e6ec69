package org.nymdir.directory;

import java.util.Map;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.Rate;
import org.nymdir.directory.limits.RateLimiter;

/**
 * The directory's policies, validated once.
 *
 * @param rates  rate limits to enforce (a limit missing from the map is off)
 * @param memory how much heap what strangers can grow may take
 */
public record DirectoryConfig(ChallengePolicy challenges, RelayPolicy relay, Map<Limit, Rate> rates,
                              MemoryBounds memory) {
    public DirectoryConfig {
        rates = Map.copyOf(rates);
    }

    public static DirectoryConfig defaults() {
        return new DirectoryConfig(ChallengePolicy.defaults(), RelayPolicy.defaults(), RateLimiter.defaults(),
                MemoryBounds.defaults());
    }

    public DirectoryConfig withRelay(RelayPolicy value) {
        return new DirectoryConfig(challenges, value, rates, memory);
    }

    public DirectoryConfig withRates(Map<Limit, Rate> value) {
        return new DirectoryConfig(challenges, relay, value, memory);
    }

    public DirectoryConfig withChallenges(ChallengePolicy value) {
        return new DirectoryConfig(value, relay, rates, memory);
    }

    public DirectoryConfig withMemory(MemoryBounds value) {
        return new DirectoryConfig(challenges, relay, rates, value);
    }
}
