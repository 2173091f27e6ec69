package org.nymdir.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a run that starts a local system (the demo, the load tools, a test) keeps its files: a folder the
 * operator named, which is kept, or a new temporary one, which {@link #close()} deletes with all it holds.
 */
public final class WorkFolder implements AutoCloseable {
    private final Path path;
    private final boolean kept;

    private WorkFolder(Path path, boolean kept) {
        this.path = path;
        this.kept = kept;
    }

    /** {@code keep} (created if missing, kept afterwards), or with {@code keep} null a new temporary folder. */
    public static WorkFolder keptOrTemporary(Path keep, String prefix) throws IOException {
        return keep != null ? new WorkFolder(Files.createDirectories(keep), true) : temporary(prefix);
    }

    /** A new, empty folder under the system's temporary folder, its name starting with {@code prefix}. */
    public static WorkFolder temporary(String prefix) throws IOException {
        return new WorkFolder(Files.createTempDirectory(prefix), false);
    }

    public Path path() {
        return path;
    }

    /** Whether the folder stays after {@link #close()}. */
    public boolean kept() {
        return kept;
    }

    /** Deletes a temporary folder and everything in it; a kept one stays as it is. */
    @Override
    public void close() throws IOException {
        if (!kept) {
            deleteTree(path);
        }
    }

    /** Deletes {@code root} and everything under it (links are deleted, not followed); nothing if it is gone. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
