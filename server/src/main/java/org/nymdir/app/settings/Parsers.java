package org.nymdir.app.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How setting texts become values. Each reason says what is wrong and what is meant, without the setting's
 * name or value: {@link SettingException} adds those (unless the setting is a secret).
 */
public final class Parsers {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(|k|KiB|M|MiB|G|GiB|T|TiB)");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%?");

    private Parsers() {
    }

    /** Text matching {@code pattern} (whole), else the reason {@code rule}. */
    public static Setting.Parser<String> text(String pattern, String rule) {
        Pattern compiled = Pattern.compile(pattern);
        return text -> {
            if (!compiled.matcher(text).matches()) {
                throw new IllegalArgumentException(rule);
            }
            return text;
        };
    }

    /** A file or folder, as written (relative to the working folder). */
    public static Setting.Parser<Path> path() {
        return text -> {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("is empty: give a path, or leave the setting out for its default");
            }
            if (!text.equals(text.strip())) {
                throw new IllegalArgumentException("starts or ends with white space; write the path alone");
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("is not a usable path: " + e.getReason());
            }
        };
    }

    /** A nym-client's WebSocket: {@code ws://} or {@code wss://}, with a host. */
    public static Setting.Parser<URI> websocketUrl() {
        return text -> {
            if (!text.contains("://")) {
                throw new IllegalArgumentException("is not a URL; write ws://" + text.strip()
                        + " (the nym-client's WebSocket, e.g. ws://127.0.0.1:1977)");
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("is not a URL (" + e.getReason() + " at index " + e.getIndex()
                        + "); write it as ws://HOST:PORT, e.g. ws://127.0.0.1:1977");
            }
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
                throw new IllegalArgumentException("must be a ws:// or wss:// URL (the nym-client's WebSocket,"
                        + " e.g. ws://127.0.0.1:1977)");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("has no host; write ws://HOST:PORT, e.g. ws://127.0.0.1:1977");
            }
            return uri;
        };
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Setting.Parser<Integer> integer(int min, int max) {
        return text -> {
            try {
                int n = Integer.parseInt(text.strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the same reason as out of range
            }
            throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
        };
    }

    /**
     * A size in bytes from {@code min} up: {@code 1048576}, {@code 512k}, {@code 64MiB}, {@code 4G}, {@code 1TiB}
     * (binary units; {@code k}, {@code M}, {@code G}, {@code T} mean KiB, MiB, GiB, TiB).
     */
    public static Setting.Parser<Long> bytes(long min) {
        return text -> {
            Matcher m = SIZE.matcher(text.strip());
            if (m.matches()) {
                int shift = switch (m.group(2)) {
                    case "" -> 0;
                    case "k", "KiB" -> 10;
                    case "M", "MiB" -> 20;
                    case "G", "GiB" -> 30;
                    default -> 40;
                };
                long n = Long.parseLong(m.group(1));
                if (n <= (Long.MAX_VALUE >> 2) >> shift && n << shift >= min) {
                    return n << shift;
                }
            }
            throw new IllegalArgumentException("must be a size in bytes of at least " + min
                    + ", e.g. 64MiB, 4GiB or 1048576");
        };
    }

    /** A percentage from 1 to 100, with or without {@code %}. */
    public static Setting.Parser<Integer> percent() {
        return text -> {
            Matcher m = PERCENT.matcher(text.strip());
            int n = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (n < 1 || n > 100) {
                throw new IllegalArgumentException("must be a percentage from 1 to 100, e.g. 25%");
            }
            return n;
        };
    }

    /** A TCP port to listen on; 0 lets the system choose. */
    public static Setting.Parser<Integer> port() {
        Setting.Parser<Integer> number = integer(0, 65535);
        return text -> {
            try {
                return number.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be a port from 1 to 65535, or 0 for any free port");
            }
        };
    }

    /** {@code 7d}, {@code 24h}, {@code 30m}, {@code 10s} or {@code 500ms}; more than zero. */
    public static Setting.Parser<Duration> duration() {
        return text -> {
            Matcher m = DURATION.matcher(text.strip());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new IllegalArgumentException("must be a number above 0 with ms, s, m, h or d, e.g. 24h");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        };
    }

    /** One of an enum's constants, in any case. */
    public static <E extends Enum<E>> Setting.Parser<E> oneOf(Class<E> type) {
        String choices = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return text -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(text.strip())) {
                    return e;
                }
            }
            throw new IllegalArgumentException("must be one of " + choices);
        };
    }

    /** Any text; empty means not set, as a shell's {@code VAR=} usually does. */
    public static Setting.Parser<String> anyText() {
        return text -> text.isEmpty() ? null : text;
    }
}
