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
    static final String MAILBOX_QUOTA_BYTES = "NYMDIR_MAILBOX_QUOTA_BYTES";
    static final String STRANGER_SHARE = "NYMDIR_STRANGER_SHARE";
    static final String SENDER_QUOTA_BYTES = "NYMDIR_SENDER_QUOTA_BYTES";
    static final String MAILBOX_CAP_BYTES = "NYMDIR_MAILBOX_CAP_BYTES";
    static final String FREE_SPACE_FLOOR = "NYMDIR_FREE_SPACE_FLOOR";
    /** 256 MiB: room for registrations, logins, the WAL's checkpoints and the log while new mail is refused. */
    static final long DEFAULT_FREE_SPACE_FLOOR = 256L << 20;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(|k|KiB|M|MiB|G|GiB|T|TiB)");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%?");

    private Settings() {
    }

    static RelayPolicy relayPolicy(Map<String, String> vars) {
        RelayPolicy d = RelayPolicy.defaults();
        try {
            return new RelayPolicy(
                    duration(vars, MAILBOX_TTL, d.mailboxTtl()),
                    duration(vars, TAG_FRESHNESS, d.tagFreshness()),
                    integer(vars, MAILBOX_QUOTA, d.recipientQuota()),
                    d.flushBatch(),
                    bytes(vars, MAILBOX_QUOTA_BYTES, d.recipientQuotaBytes()),
                    percent(vars, STRANGER_SHARE, d.strangerPercent()),
                    bytes(vars, SENDER_QUOTA_BYTES, d.senderQuotaBytes()),
                    bytes(vars, MAILBOX_CAP_BYTES, d.mailboxCapBytes()),
                    d.correspondentTtl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mailbox settings: " + e.getMessage(), e);
        }
    }

    /** A size in bytes: {@code 1048576}, {@code 512k}, {@code 64MiB}, {@code 4G} (binary units). */
    static long bytes(Map<String, String> vars, String name, long fallback) {
        String value = vars.get(name);
        if (value == null) {
            return fallback;
        }
        Matcher m = SIZE.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " must be a size in bytes, e.g. 64MiB, 4GiB or 1048576");
        }
        int shift = switch (m.group(2)) {
            case "" -> 0;
            case "k", "KiB" -> 10;
            case "M", "MiB" -> 20;
            case "G", "GiB" -> 30;
            default -> 40;
        };
        long n = Long.parseLong(m.group(1));
        if (n > (Long.MAX_VALUE >> 2) >> shift) {
            throw new IllegalArgumentException(name + " is too large: " + value.strip());
        }
        return n << shift;
    }

    /** 1..100, with or without {@code %}. */
    static int percent(Map<String, String> vars, String name, int fallback) {
        String value = vars.get(name);
        if (value == null) {
            return fallback;
        }
        Matcher m = PERCENT.matcher(value.strip());
        int n = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (n < 1 || n > 100) {
            throw new IllegalArgumentException(name + " must be a percentage from 1 to 100, e.g. 25%");
        }
        return n;
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
