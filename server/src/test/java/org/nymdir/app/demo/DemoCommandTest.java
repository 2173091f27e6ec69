package org.nymdir.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.app.DirectoryFiles;
import org.nymdir.testing.Cli;

/** {@code nymdir demo} runs green, end to end, and leaves nothing behind unless asked to. */
class DemoCommandTest {
    @Test
    void everyStepSucceeds() {
        Cli.Run run = Cli.run("demo");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("all 13 steps succeeded").doesNotContain("FAIL");
        assertThat(run.outLines()).filteredOn(l -> l.matches("\\s*\\d+\\s.*")).hasSize(13)
                .allSatisfy(l -> assertThat(l).contains(" ok "));
        assertThat(run.out()).contains("alice -> directory -> bob", "bob -> alice (direct)", "handshake");
    }

    @Test
    void keepsItsWorkFolderOnRequest(@TempDir Path dir) {
        Cli.Run run = Cli.run("demo", "--keep", dir.toString(), "--latency-ms", "0", "--jitter-ms", "0");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        DirectoryFiles files = new DirectoryFiles(dir); // the original's layout
        assertThat(files.database()).exists();
        assertThat(files.publicKeyFile()).exists();
        assertThat(files.addressFile()).exists();
    }

    @Test
    void refusesNonsense() {
        assertThat(Cli.run("demo", "--latency-ms", "-1").exitCode()).isEqualTo(2);
    }
}
