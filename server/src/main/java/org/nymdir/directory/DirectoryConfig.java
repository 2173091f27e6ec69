package org.nymdir.directory;

import java.util.Map;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.Rate;
import org.nymdir.directory.limits.RateLimiter;

/**
 * The directory's policies, validated once.
 *
 * @param rates         rate limits to enforce (a limit missing from the map is off)
 * @param maxLimiterKeys how many sender tags or users each rate limit remembers at most
 */
public record DirectoryConfig(ChallengePolicy challenges, RelayPolicy relay, Map<Limit, Rate> rates,
                              int maxLimiterKeys) {
    public DirectoryConfig {
        rates = Map.copyOf(rates);
        if (maxLimiterKeys < 1) {
            throw new IllegalArgumentException("maxLimiterKeys must be positive");
        }
    }

    public static DirectoryConfig defaults() {
        return new DirectoryConfig(ChallengePolicy.defaults(), RelayPolicy.defaults(), RateLimiter.defaults(),
                100_000);
    }

    public DirectoryConfig withRelay(RelayPolicy value) {
        return new DirectoryConfig(challenges, value, rates, maxLimiterKeys);
    }

    public DirectoryConfig withRates(Map<Limit, Rate> value) {
        return new DirectoryConfig(challenges, relay, value, maxLimiterKeys);
    }

    public DirectoryConfig withChallenges(ChallengePolicy value) {
        return new DirectoryConfig(value, relay, rates, maxLimiterKeys);
    }
}
