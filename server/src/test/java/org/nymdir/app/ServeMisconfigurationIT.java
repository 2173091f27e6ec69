package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.Main;
import org.nymdir.crypto.ServerIdentity;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChildJvm;

/**
 * {@code nymdir serve} misconfigured, as its own process, as an operator meets it: each mistake is one line on
 * stderr and in the log file, naming the setting and what to do, with no stack trace (unless at debug level),
 * and the process ends with 2 for a bad setting, 1 for a start that cannot go on.
 */
class ServeMisconfigurationIT {
    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** What a run left: its exit status, its stderr, the log file. */
    record Run(int status, List<String> stderr, String logFile) {
        List<String> errors() {
            return stderr.stream().filter(l -> l.contains(" ERROR ")).toList();
        }

        boolean hasStackTrace() {
            return stderr.stream().anyMatch(l -> l.startsWith("\tat ")) || logFile.contains("\tat ");
        }

        @Override
        public String toString() {
            return "exit " + status + "\n" + String.join("\n", stderr);
        }
    }

    @Test
    void aWebsocketUrlWithoutItsSchemeIsOneClearLineOnStderrAndInTheLog() throws Exception {
        Files.writeString(dir.resolve(".env"), "LOG_FILE_PATH=logs/app.log\nWEBSOCKET_URL=127.0.0.1:1977\n");
        Run run = serve(Map.of());
        String expected = "cannot start: WEBSOCKET_URL=127.0.0.1:1977 (.env line 2) is not a URL; write"
                + " ws://127.0.0.1:1977";
        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.errors()).as(run.toString()).singleElement().asString().contains(expected);
        assertThat(run.logFile()).contains(expected);
        assertThat(run.hasStackTrace()).as(run.toString()).isFalse();
        assertThat(dir.resolve("secrets")).as("refused before the key is touched").doesNotExist();
        assertThat(dir.resolve("storage")).as("nor the database").doesNotExist();
    }

    @Test
    void atDebugLevelTheStackTraceFollowsTheLine() throws Exception {
        Run run = serve(Map.of("NYMDIR_LOG_LEVEL", "DEBUG", "NYMDIR_MAILBOX_TTL", "a week"));
        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.errors()).singleElement().asString().contains("cannot start: NYMDIR_MAILBOX_TTL=a week"
                + " (environment) must be a number above 0 with ms, s, m, h or d, e.g. 24h");
        assertThat(run.hasStackTrace()).as(run.toString()).isTrue();
    }

    @Test
    void everyBadLineOfTheEnvFileIsOneLineAndAllReachTheLogFile() throws Exception {
        Files.writeString(dir.resolve(".env"), "LOG_FILE_PATH=logs/app.log\nexport NYM_CLIENT_ID=x\n"
                + "WEBSOCKET_URL = ws://127.0.0.1:1977\n");
        Run run = serve(Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.errors()).as(run.toString()).satisfiesExactly(
                l -> assertThat(l).contains("cannot start: .env line 2: 'export NYM_CLIENT_ID='"),
                l -> assertThat(l).contains("cannot start: .env line 3: spaces around '=' after WEBSOCKET_URL"));
        assertThat(run.logFile()).contains("line 2: 'export NYM_CLIENT_ID='", "line 3: spaces around '='");
    }

    @Test
    void aMissingEnvFileIsRefused() throws Exception {
        Run run = serve(Map.of(), "--env-file", "/nonexistent");
        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.errors()).singleElement().asString()
                .contains("cannot start: --env-file /nonexistent: no such file");
        assertThat(run.hasStackTrace()).isFalse();
    }

    @Test
    void theOriginalsExampleIsRefusedForItsDollarNotReadWrong() throws Exception {
        try (var in = ServeMisconfigurationIT.class.getResourceAsStream("/original/server.env.example")) {
            Files.write(dir.resolve(".env"), in.readAllBytes());
        }
        Run run = serve(Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.errors()).singleElement().asString().contains("DATABASE_PATH=storage/$NYM_CLIENT_ID.db"
                + " (.env line 2) holds $NYM_CLIENT_ID", "to storage/nym_server.db); write the value you mean");
        assertThat(dir.resolve("storage/$NYM_CLIENT_ID.db")).doesNotExist();
        assertThat(run.logFile()).contains("holds $NYM_CLIENT_ID");
    }

    @Test
    void aBusyStatsPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run run = serve(Map.of(), "--stats-port", String.valueOf(port), "--websocket-url", unreachable());
            assertThat(run.status()).as(run.toString()).isEqualTo(1);
            assertThat(run.errors()).singleElement().asString().contains("cannot start: NYMDIR_STATS_PORT=" + port
                    + " (--stats-port): 127.0.0.1:" + port + " is in use; choose another port");
            assertThat(run.hasStackTrace()).isFalse();
        }
    }

    @Test
    void aWrongPasswordNamesTheKeyAndThePasswordFile() throws Exception {
        Path keys = dir.resolve("storage/keys");
        Path secret = Files.createDirectories(dir.resolve("secrets")).resolve("encryption_password");
        Files.writeString(secret, "the first password");
        ServerIdentity.loadOrCreate(keys, "nym_server", secret);
        Files.writeString(secret, "another password");
        Run run = serve(Map.of(), "--websocket-url", unreachable());
        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.errors()).singleElement().asString().contains("cannot start: KEYS_DIR=storage/keys,"
                + " SECRET_PATH=secrets/encryption_password: cannot decrypt the server key", "wrong password");
        assertThat(run.hasStackTrace()).isFalse();
    }

    @Test
    void unknownNamesAreWarnedAtStartWithTheSettingMeant() throws Exception {
        Files.writeString(dir.resolve(".env"), "DATABSE_PATH=storage/other.db\n");
        try (ChildJvm child = start(Map.of("NYMDIR_LIMIT_SENDD", "1/1"), "--websocket-url", unreachable())) {
            Path stderr = dir.resolve("stderr");
            Await.until("the warnings at start", () -> read(stderr).contains("DATABSE_PATH")
                    && read(stderr).contains("NYMDIR_LIMIT_SENDD"), EXIT);
            assertThat(read(stderr)).contains(
                    "WARN ", "NYMDIR_LIMIT_SENDD (environment) is not a nymdir setting and is ignored; did you mean"
                            + " NYMDIR_LIMIT_SEND?",
                    "DATABSE_PATH (.env line 1) is not a nymdir setting and is ignored; did you mean DATABASE_PATH?");
            assertThat(child.isAlive()).as("a warning does not stop the start").isTrue();
        }
    }

    @Test
    void aBusyLocalMixnetPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run run = finish(start(Map.of(), List.of("sim", "--service-port", String.valueOf(port),
                    "--clients-port", "0", "--stats-port", "0", "--state-dir", dir.resolve("sim").toString())));
            assertThat(run.status()).as(run.toString()).isEqualTo(1);
            // (the WebSocket library logs the failed bind too; the line that says what to do is ours)
            assertThat(run.errors()).as(run.toString()).filteredOn(l -> l.contains("org.nymdir")).singleElement()
                    .asString().contains("cannot start: the local mixnet cannot listen on its service port 127.0.0.1:"
                            + port, "choose other ports");
        }
    }

    private Run serve(Map<String, String> env, String... args) throws Exception {
        return finish(start(env, args));
    }

    private ChildJvm start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("serve"));
        command.addAll(List.of(args));
        return start(env, command);
    }

    private ChildJvm start(Map<String, String> env, List<String> command) throws IOException {
        return ChildJvm.builder(Main.class).args(command).env(env).workDir(dir).stderrTo(dir.resolve("stderr"))
                .jvmOptions("-Xmx128m").start();
    }

    private Run finish(ChildJvm child) throws Exception {
        try (child) {
            while (child.nextLine(EXIT) != null) {
                // the child exits on its own; its stdout ends first
            }
            int status = child.terminate(Duration.ofSeconds(10));
            Path log = Files.exists(dir.resolve("logs/app.log")) ? dir.resolve("logs/app.log")
                    : dir.resolve("storage/app.log");
            return new Run(status, read(dir.resolve("stderr")).lines().toList(), read(log));
        }
    }

    /** A port nothing listens on: the link keeps trying it, which is all these starts need. */
    private static String unreachable() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "ws://127.0.0.1:" + s.getLocalPort() + "/";
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
