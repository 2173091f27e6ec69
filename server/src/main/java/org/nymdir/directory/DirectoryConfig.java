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
 * @param names  puzzles, quarantine, expiry and membership hiding
 */
public record DirectoryConfig(ChallengePolicy challenges, RelayPolicy relay, Map<Limit, Rate> rates,
                              MemoryBounds memory, NamePolicy names) {
    public DirectoryConfig {
        rates = Map.copyOf(rates);
    }

    public static DirectoryConfig defaults() {
        return new DirectoryConfig(ChallengePolicy.defaults(), RelayPolicy.defaults(), RateLimiter.defaults(),
                MemoryBounds.defaults(), NamePolicy.defaults());
    }

    public DirectoryConfig withRelay(RelayPolicy value) {
        return new DirectoryConfig(challenges, value, rates, memory, names);
    }

    public DirectoryConfig withRates(Map<Limit, Rate> value) {
        return new DirectoryConfig(challenges, relay, value, memory, names);
    }

    public DirectoryConfig withChallenges(ChallengePolicy value) {
        return new DirectoryConfig(value, relay, rates, memory, names);
    }

    public DirectoryConfig withMemory(MemoryBounds value) {
        return new DirectoryConfig(challenges, relay, rates, value, names);
    }

    public DirectoryConfig withNames(NamePolicy value) {
        return new DirectoryConfig(challenges, relay, rates, memory, value);
    }
}
