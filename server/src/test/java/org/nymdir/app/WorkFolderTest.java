package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A temporary work folder goes with everything in it; one the operator named stays. */
class WorkFolderTest {
    @TempDir
    Path dir;

    @Test
    void aTemporaryFolderIsDeletedWithItsTree() throws Exception {
        Path path;
        try (WorkFolder work = WorkFolder.keptOrTemporary(null, "nymdir-test-")) {
            path = work.path();
            assertThat(work.kept()).isFalse();
            Files.writeString(Files.createDirectories(path.resolve("storage/keys")).resolve("k.pem"), "key");
            Files.createSymbolicLink(path.resolve("link"), dir); // deleted, not followed
        }
        assertThat(path).doesNotExist();
        assertThat(dir).exists();
    }

    @Test
    void aNamedFolderIsCreatedAndKept() throws Exception {
        Path named = dir.resolve("kept/run");
        try (WorkFolder work = WorkFolder.keptOrTemporary(named, "nymdir-test-")) {
            assertThat(work.path()).isEqualTo(named).isDirectory();
            assertThat(work.kept()).isTrue();
            Files.writeString(named.resolve("nym_server.db"), "db");
        }
        assertThat(named.resolve("nym_server.db")).hasContent("db");
    }

    @Test
    void deletingATreeThatIsGoneDoesNothing() throws Exception {
        WorkFolder.deleteTree(dir.resolve("never-made"));
        assertThat(dir).isEmptyDirectory();
    }
}
