package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.UserRecord;

/**
 * Crash: a child JVM writes from several threads and prints each write after its call returned (the moment
 * the directory would reply "success"); it is killed with SIGKILL mid-stream. Every printed write must be in
 * the reopened file, which must be intact.
 */
class SqliteKillTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Path file = dir.resolve("nym_server.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback-test.xml", Writer.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ok ")) {
                    acknowledged.add(line.substring(3));
                }
                if (acknowledged.size() >= 400) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no checkpoint
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(400);

        try (SqliteUserStore store = SqliteUserStore.open(file)) {
            for (String name : acknowledged) {
                assertThat(store.findUser(name)).as(name).contains(new UserRecord(name, "key", "tag0"));
            }
            assertThat(store.countUsers()).isGreaterThanOrEqualTo(acknowledged.size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }

    /** The child: inserts users from 8 threads until killed, printing "ok name" after each returned insert. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            SqliteUserStore store = SqliteUserStore.open(Path.of(args[0]));
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; ; i++) {
                        String name = "u" + id + "_" + i;
                        if (store.insertUser(new UserRecord(name, "key", "tag0"))) {
                            synchronized (out) {
                                out.println("ok " + name);
                            }
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
