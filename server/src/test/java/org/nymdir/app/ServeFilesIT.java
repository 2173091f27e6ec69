package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.Main;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChildJvm;

/**
 * What {@code nymdir serve} leaves on the disk, as its own process: every file only its user may read (the
 * test JVM runs with umask 022, so 0600 is the code's doing, not the umask's), and one process per database:
 * a second {@code serve} on the same file is refused at start, with the file named, before it writes
 * anything (before, it ran beside the first and overwrote its address file).
 */
class ServeFilesIT {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void everyFileIsPrivateAndASecondServeOnTheSameDatabaseIsRefused() throws Exception {
        try (LocalMixnet sim = LocalMixnet.start(SimConfig.ephemeral(dir.resolve("sim")));
             ServerProcess first = new ServerProcess(dir.resolve("server"), sim.serviceUrl(), Map.of())) {
            first.start();
            Path storage = first.files().database().getParent();
            String address = Files.readString(first.files().addressFile());
            Await.until("the log file is written", () -> Files.exists(storage.resolve("app.log")));
            for (Path file : List.of(first.files().database(), storage.resolve("nym_server.db-wal"),
                    storage.resolve("nym_server.db-shm"), storage.resolve("nym_server.db.lock"),
                    storage.resolve("app.log"), first.files().addressFile())) {
                assertThat(mode(file)).as("%s", file.getFileName()).isEqualTo("rw-------");
            }
            try (Stream<Path> keys = Files.list(storage.resolve("keys"))) {
                for (Path key : keys.toList()) {
                    // the public key is published to clients on purpose; every other key file is private
                    String expected = key.getFileName().toString().endsWith("_public_key.pem") ? "rw-r--r--"
                            : "rw-------";
                    assertThat(mode(key)).as("%s", key.getFileName()).isEqualTo(expected);
                }
            }
            for (Path folder : List.of(storage, storage.resolve("keys"))) {
                assertThat(mode(folder)).as("%s", folder.getFileName()).isEqualTo("rwx------");
            }

            Path secondAddress = dir.resolve("second/nym_address.txt");
            Path secondErr = dir.resolve("second.err");
            Files.createDirectories(secondAddress.getParent());
            try (ChildJvm second = ChildJvm.builder(Main.class)
                    .args("serve", "--websocket-url", sim.serviceUrl().toString(),
                            "--database", first.files().database().toString(),
                            "--keys-dir", first.files().keysDir().toString(),
                            "--secret-path", first.files().secret().toString(),
                            "--log-file", dir.resolve("second/app.log").toString(),
                            "--address-file", secondAddress.toString(),
                            "--env-file", "/dev/null")
                    .jvmOptions("-Xmx128m").workDir(dir).stderrTo(secondErr).start()) {
                Await.until("the second serve exits", () -> !second.isAlive(), Duration.ofSeconds(60));
                assertThat(second.terminate(Duration.ofSeconds(1))).as("exit status").isNotZero();
            }
            assertThat(Files.readString(secondErr)).contains("is in use by another nymdir process")
                    .contains(first.files().database().toAbsolutePath().toString());
            assertThat(secondAddress).doesNotExist();
            assertThat(Files.readString(first.files().addressFile())).as("the first one's address file")
                    .isEqualTo(address);
            first.stop();
        }
    }
}
