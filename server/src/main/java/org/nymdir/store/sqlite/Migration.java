package org.nymdir.store.sqlite;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One schema step: the SQL resource {@code db/sqlite/V<version>__<what>.sql}. Applied once, in order, in a
 * transaction of its own, and recorded as SQLite's {@code PRAGMA user_version}.
 */
public record Migration(int version, String resource) {

    private static final Pattern NAME = Pattern.compile("(?:.*/)?V(\\d+)__[A-Za-z0-9_]+\\.sql");

    public Migration {
        Objects.requireNonNull(resource, "resource");
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1: " + resource);
        }
    }

    /** The migration in resource {@code path}, its version taken from the {@code V<n>__} prefix. */
    public static Migration of(String path) {
        Matcher m = NAME.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a migration resource name (V<n>__<what>.sql): " + path);
        }
        return new Migration(Integer.parseInt(m.group(1)), path);
    }
}
