package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.UserRecord;
import org.nymdir.testing.ChildJvm;
import org.nymdir.testing.DatabaseFiles;

/** Crash: every insert acknowledged by a child SIGKILLed mid-stream is in the reopened, intact file. */
class SqliteKillTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Path file = dir.resolve("nym_server.db");
        List<String> acknowledged = KillHarness.after(
                KillHarness.runAndKill(Writer.class, "ok ", 400, file.toString()), "ok ");

        try (SqliteUserStore store = SqliteUserStore.open(file)) {
            for (String name : acknowledged) {
                assertThat(store.findUser(name)).as(name).contains(new UserRecord(name, "key", "tag0"));
            }
            assertThat(store.countUsers()).isGreaterThanOrEqualTo(acknowledged.size());
        }
        DatabaseFiles.assertIntact(file);
    }

    /** The child: inserts users from 8 threads until killed, printing "ok name" after each returned insert. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            SqliteUserStore store = SqliteUserStore.open(Path.of(args[0]));
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; ; i++) {
                        String name = "u" + id + "_" + i;
                        if (store.insertUser(new UserRecord(name, "key", "tag0"))) {
                            ChildJvm.print("ok " + name);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
