package org.nymdir.store.postgres;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the PostgreSQL store lives and how to reach it: a JDBC URL, the role, its password (kept out of
 * {@link #toString()} and every log line) and the pool size.
 *
 * <p>Operators write {@code postgresql://user[:password]@host[:port]/database[?param=value...]} (libpq's form,
 * also {@code postgres://}); a {@code jdbc:postgresql:} URL is taken as it is, its parameters being the
 * driver's. A password comes from the URL or from a file (first line, as for {@code SECRET_PATH}), not both:
 * two sources that could disagree are refused rather than one silently chosen.
 */
public record PostgresConfig(String jdbcUrl, String user, String password, int poolSize, Duration connectTimeout) {

    /** Connections per node by default: a few writers and readers; PostgreSQL allows 100 in all by default. */
    public static final int DEFAULT_POOL_SIZE = 8;
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public PostgresConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(jdbcUrl));
        }
        if (poolSize < 1 || poolSize > 100) {
            throw new IllegalArgumentException("pool size must be 1..100, got " + poolSize);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** True when {@code url} names a PostgreSQL database in one of the accepted forms. */
    public static boolean isPostgresUrl(String url) {
        return url != null && (url.startsWith("postgresql://") || url.startsWith("postgres://")
                || url.startsWith("jdbc:postgresql:"));
    }

    /**
     * The configuration for {@code url}, with the password from {@code passwordFile} when given.
     *
     * @throws IllegalArgumentException for a URL of another shape, or a password both in the URL and a file
     */
    public static PostgresConfig fromUrl(String url, Optional<Path> passwordFile) {
        Objects.requireNonNull(url, "url");
        String jdbc;
        String user = null;
        String password = null;
        if (url.startsWith("jdbc:postgresql:")) {
            jdbc = url;
        } else if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a valid URL: " + redact(url), null);
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("the URL names no host: " + redact(url));
            }
            String info = uri.getRawUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                password = colon < 0 ? null : decode(info.substring(colon + 1));
            }
            String host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            jdbc = "jdbc:postgresql://" + host + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } else {
            throw new IllegalArgumentException("a PostgreSQL URL starts with postgresql:// or jdbc:postgresql:, got "
                    + redact(url));
        }
        if (passwordFile.isPresent()) {
            if (password != null) {
                throw new IllegalArgumentException("a password is both in the URL and in a password file; keep one");
            }
            password = readPassword(passwordFile.get());
        }
        return new PostgresConfig(jdbc, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT);
    }

    public PostgresConfig withPoolSize(int size) {
        return new PostgresConfig(jdbcUrl, user, password, size, connectTimeout);
    }

    public PostgresConfig withConnectTimeout(Duration timeout) {
        return new PostgresConfig(jdbcUrl, user, password, poolSize, timeout);
    }

    /** The JDBC URL of another database on the same server (tests, the migrate command's checks). */
    public PostgresConfig withJdbcUrl(String url) {
        return new PostgresConfig(url, user, password, poolSize, connectTimeout);
    }

    /** Host, port and database, for logs: no password, no parameters (a driver parameter may hold one). */
    public String displayUrl() {
        return redact(jdbcUrl) + (user == null ? "" : " as " + user);
    }

    @Override
    public String toString() {
        return "PostgresConfig[" + displayUrl() + ", pool=" + poolSize + "]";
    }

    /** An operator's URL with its password (and any query) left out, to print back to them. */
    public static String redactedForDisplay(String url) {
        String shown = redact(url);
        int scheme = url.indexOf("//");
        int at = url.lastIndexOf('@', url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
        if (scheme >= 0 && at > scheme) {
            String info = url.substring(scheme + 2, at);
            int colon = info.indexOf(':');
            String user = colon < 0 ? info : info.substring(0, colon);
            shown = shown.substring(0, shown.indexOf("//") + 2) + user + "@" + shown.substring(shown.indexOf("//") + 2);
        }
        return shown;
    }

    /** {@code url} without user info and query: safe to show. */
    static String redact(String url) {
        String s = url;
        int query = s.indexOf('?');
        if (query >= 0) {
            s = s.substring(0, query);
        }
        int scheme = s.indexOf("//");
        int at = s.lastIndexOf('@');
        if (scheme >= 0 && at > scheme) {
            s = s.substring(0, scheme + 2) + s.substring(at + 1);
        }
        return s;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8); // "+" is literal in a URL's user info
    }

    private static String readPassword(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String line = text.lines().findFirst().orElse("").strip();
            if (line.isEmpty()) {
                throw new IllegalArgumentException("the password file " + file + " is empty");
            }
            return line;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the password file " + file + ": " + e.getMessage(), e);
        }
    }
}
