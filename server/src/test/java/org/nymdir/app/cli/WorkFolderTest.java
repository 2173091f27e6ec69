package org.nymdir.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --keep}: a temporary work folder goes with everything in it; one the operator named stays. */
class WorkFolderTest {
    @TempDir
    Path dir;

    private static WorkFolder parsed(String... args) {
        WorkFolder work = new WorkFolder();
        new CommandLine(CommandLine.Model.CommandSpec.create().addMixin("work",
                CommandLine.Model.CommandSpec.forAnnotatedObject(work))).parseArgs(args);
        return work;
    }

    @Test
    void aTemporaryFolderIsDeletedWithItsTreeAndLinksAreNotFollowed() throws Exception {
        WorkFolder work = parsed();
        Path path = work.open("nymdir-test-");
        Files.writeString(Files.createDirectories(path.resolve("storage/keys")).resolve("k.pem"), "key");
        Files.writeString(dir.resolve("outside"), "stays");
        Files.createSymbolicLink(path.resolve("link"), dir);
        work.close(path);
        assertThat(path).doesNotExist();
        assertThat(dir.resolve("outside")).hasContent("stays");
    }

    @Test
    void aNamedFolderIsCreatedAndKept() throws Exception {
        Path named = dir.resolve("kept/run");
        WorkFolder work = parsed("--keep", named.toString());
        assertThat(work.open("nymdir-test-")).isEqualTo(named).isDirectory();
        Files.writeString(named.resolve("nym_server.db"), "db");
        work.close(named);
        assertThat(named.resolve("nym_server.db")).hasContent("db");
    }

    @Test
    void deletingATreeThatIsGoneDoesNothing() throws Exception {
        WorkFolder.deleteTree(dir.resolve("never-made"));
        assertThat(dir).isEmptyDirectory();
    }
}
