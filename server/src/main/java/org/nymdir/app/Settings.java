package org.nymdir.app;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nymdir.directory.RelayPolicy;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.Rate;
import org.nymdir.directory.limits.RateLimiter;

/** Reads nymdir's own settings (durations, limits) from variables, failing with the variable's name. */
final class Settings {
    static final String MAILBOX_TTL = "NYMDIR_MAILBOX_TTL";
    static final String TAG_FRESHNESS = "NYMDIR_TAG_FRESHNESS";
    static final String MAILBOX_QUOTA = "NYMDIR_MAILBOX_QUOTA";
    static final String REQUEST_WORKERS = "NYMDIR_REQUEST_WORKERS";
    static final String QUEUED_REQUESTS = "NYMDIR_QUEUED_REQUESTS";
    static final String QUEUED_PER_SENDER = "NYMDIR_QUEUED_PER_SENDER";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Settings() {
    }

    static RelayPolicy relayPolicy(Map<String, String> vars) {
        RelayPolicy d = RelayPolicy.defaults();
        return new RelayPolicy(
                duration(vars, MAILBOX_TTL, d.mailboxTtl()),
                duration(vars, TAG_FRESHNESS, d.tagFreshness()),
                integer(vars, MAILBOX_QUOTA, d.recipientQuota()),
                d.flushBatch());
    }

    /** How requests are scheduled: worker threads, queued requests per ring (members, strangers), per sender tag. */
    static SerialLanes.Bounds lanes(Map<String, String> vars) {
        SerialLanes.Bounds d = SerialLanes.Bounds.DEFAULTS;
        try {
            return new SerialLanes.Bounds(integer(vars, REQUEST_WORKERS, d.workers()),
                    integer(vars, QUEUED_REQUESTS, d.perRing()), integer(vars, QUEUED_PER_SENDER, d.perLane()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(REQUEST_WORKERS + ", " + QUEUED_REQUESTS + " and " + QUEUED_PER_SENDER
                    + " must be at least 1", e);
        }
    }

    /** Every limit at its default, or as set by {@code NYMDIR_LIMIT_<NAME>=BURST/PER_MINUTE}; {@code off} disables one. */
    static Map<Limit, Rate> rates(Map<String, String> vars) {
        Map<Limit, Rate> rates = new EnumMap<>(RateLimiter.defaults());
        for (Limit limit : Limit.values()) {
            String value = vars.get(limit.settingName());
            if (value == null) {
                continue;
            }
            if (value.strip().equalsIgnoreCase("off")) {
                rates.remove(limit);
                continue;
            }
            try {
                rates.put(limit, Rate.parse(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(limit.settingName() + ": " + e.getMessage(), e);
            }
        }
        return rates;
    }

    /** {@code 7d}, {@code 24h}, {@code 30m}, {@code 10s} or {@code 500ms}. */
    static Duration duration(Map<String, String> vars, String name, Duration fallback) {
        String value = vars.get(name);
        if (value == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " must be a number with ms, s, m, h or d, e.g. 24h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    static int integer(Map<String, String> vars, String name, int fallback) {
        String value = vars.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number", e);
        }
    }
}
