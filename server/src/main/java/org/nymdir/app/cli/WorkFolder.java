package org.nymdir.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * {@code --keep DIR}, for commands that run a whole system in one folder ({@code demo}, {@code soak}): work in
 * DIR and keep it, or in a new temporary folder that is deleted afterwards. A picocli mixin.
 */
public final class WorkFolder {
    @Option(names = "--keep", paramLabel = "DIR",
            description = "Work in DIR and keep it (database, keys, logs); default: a temporary folder, deleted.")
    Path keep;

    /** DIR (created if needed), or a new temporary folder named {@code prefix...}. */
    public Path open(String prefix) throws IOException {
        return keep != null ? Files.createDirectories(keep) : Files.createTempDirectory(prefix);
    }

    /** Deletes {@code folder} (one {@link #open} made) unless it is to be kept. */
    public void close(Path folder) throws IOException {
        if (keep == null) {
            deleteTree(folder);
        }
    }

    /**
     * Deletes {@code root} and everything under it (links are deleted, not followed); nothing if it is gone. The
     * one copy, for every tool and test that cleans up a folder of its own.
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
