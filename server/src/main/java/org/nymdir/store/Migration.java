package org.nymdir.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One schema step: the SQL resource {@code db/<engine>/V<version>__<what>.sql}. Applied once, in order, in a
 * transaction of its own, and recorded by the engine (SQLite's {@code PRAGMA user_version}, PostgreSQL's
 * {@code nymdir_schema} table).
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

    /** The step's SQL text, read from the build's resources. */
    public String sql() {
        try (InputStream in = Migration.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration resource missing from the build: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration resource " + resource, e);
        }
    }

    /** Checks that {@code migrations} are numbered 1, 2, 3... without gaps, the order they are applied in. */
    public static void requireSequence(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException("migrations must be numbered 1, 2, 3... without gaps; got "
                        + migrations.get(i).resource() + " at position " + (i + 1));
            }
        }
    }
}
