package org.nymdir.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.app.ServeConfig;
import org.nymdir.app.settings.ServeSettings;

/**
 * The .env file read as the original server's envLoader.py read it (code-zm/nymCHAT, server/src/envLoader.py):
 * {@code if line.strip() and not line.startswith("#"): key, value = line.strip().split("=", 1);
 * os.environ[key] = value}. What it would have silently misread for one of our settings is refused.
 */
class DotEnvTest {
    @TempDir
    Path dir;

    @Test
    void theOriginalsOwnExampleIsReadAsItWasAndItsDollarSlipIsRefused() throws Exception {
        // server/.env.example of the original, verbatim (its last Python version, commit 0bc1972)
        Path example = copy("/original/server.env.example");
        assertThatThrownBy(() -> read(example))
                .isInstanceOf(SettingException.class)
                .hasMessageStartingWith("DATABASE_PATH=storage/$NYM_CLIENT_ID.db (" + example + " line 2) holds"
                        + " $NYM_CLIENT_ID, which the original server did not expand")
                .hasMessageContaining("to storage/nym_server.db); write the value you mean");

        // with the slip fixed as the message says, every other line means what it meant to the original
        String fixed = Files.readString(example).replace("$NYM_CLIENT_ID.db", "nym_server.db");
        DotEnv env = read(write(fixed));
        assertThat(env.warnings()).isEmpty();
        assertThat(texts(env)).isEqualTo(Map.of("NYM_CLIENT_ID", "nym_server",
                "DATABASE_PATH", "storage/nym_server.db", "LOG_FILE_PATH", "storage/app.log",
                "KEYS_DIR", "storage/keys", "WEBSOCKET_URL", "ws://127.0.0.1:1977",
                "SECRET_PATH", "secrets/encryption_password"));
        ServeConfig config = ServeConfig.from(Variables.none().overlay(env.values()));
        assertThat(config.databasePath()).isEqualTo(Path.of("storage/nym_server.db"));
    }

    @Test
    void aDollarValueThatNamesAnExistingFileIsWhatTheOriginalUsed() throws Exception {
        // a server run straight from Python with the example made exactly this file
        Path literal = Files.createFile(dir.resolve("$NYM_CLIENT_ID.db"));
        DotEnv env = read(write("NYM_CLIENT_ID=nym_server\nDATABASE_PATH=" + literal + "\n"));
        assertThat(texts(env)).containsEntry("DATABASE_PATH", literal.toString());
    }

    @Test
    void theFileWinsOverTheEnvironmentAsInTheOriginal() throws Exception {
        DotEnv env = read(write("KEYS_DIR=storage/keys\n"));
        Variables vars = Variables.of(Map.of("KEYS_DIR", "/elsewhere", "HOME", "/root"), "environment")
                .overlay(env.values());
        assertThat(vars.value("KEYS_DIR").orElseThrow().text()).isEqualTo("storage/keys");
        assertThat(vars.value("KEYS_DIR").orElseThrow().origin()).endsWith(".env line 1");
        assertThat(vars.value("HOME").orElseThrow().text()).isEqualTo("/root");
    }

    @Test
    void linesAreSplitAndSkippedAsTheOriginalDid() throws Exception {
        DotEnv env = read(write("# comment\r\n\r\n   \nNYM_CLIENT_ID=a=b\r\n  # indented comment\n"
                + "WEBSOCKET_URL=ws://h:1#frag   \nSERVER_USERNAME=\"quoted\" # kept as is: not ours\n"));
        assertThat(texts(env)).isEqualTo(Map.of("NYM_CLIENT_ID", "a=b", "WEBSOCKET_URL", "ws://h:1#frag",
                "SERVER_USERNAME", "\"quoted\" # kept as is: not ours"));
    }

    @Test
    void exportIsRefusedSayingTheOriginalIgnoredTheLine() throws Exception {
        Path file = write("NYM_CLIENT_ID=x\nexport WEBSOCKET_URL=ws://127.0.0.1:1977\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(SettingException.class)
                .hasMessage(file + " line 2: 'export WEBSOCKET_URL=': the original server read the name as"
                        + " 'export WEBSOCKET_URL' and so ignored the line; write WEBSOCKET_URL=VALUE, or delete the"
                        + " line to keep what the original did");
        // a name that is none of ours stays what the original made of it
        assertThat(texts(read(write("export OTHER=1\n")))).containsEntry("export OTHER", "1");
    }

    @Test
    void spacesAroundTheEqualsSignAreRefused() throws Exception {
        Path file = write("WEBSOCKET_URL = ws://127.0.0.1:1977\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(SettingException.class)
                .hasMessageContaining("line 1: spaces around '=' after WEBSOCKET_URL: the original server read the"
                        + " name as 'WEBSOCKET_URL ' and so ignored the line");
        assertThatThrownBy(() -> read(write("KEYS_DIR= storage/keys\n")))
                .hasMessageContaining("has a space after '=': the original server kept it as part of the value");
        assertThatThrownBy(() -> read(write("NYMDIR_LIMIT_SEND =off\n"))).hasMessageContaining("NYMDIR_LIMIT_SEND");
    }

    @Test
    void quotesAndCommentsAfterAValueAreRefused() throws Exception {
        assertThatThrownBy(() -> read(write("DATABASE_PATH=\"storage/x.db\"\n")))
                .hasMessage("DATABASE_PATH=\"storage/x.db\" (" + dir.resolve(".env") + " line 1) is in quotes: the"
                        + " original server kept them as part of the value; remove them");
        assertThatThrownBy(() -> read(write("KEYS_DIR='keys'\n"))).hasMessageContaining("is in quotes");
        assertThatThrownBy(() -> read(write("NYMDIR_MAILBOX_TTL=7d # a week\n")))
                .hasMessageContaining("has a comment after the value");
    }

    @Test
    void aByteOrderMarkIsRefusedWhenItHidesOurFirstSetting() throws Exception {
        assertThatThrownBy(() -> read(write("\uFEFFNYM_CLIENT_ID=x\n")))
                .hasMessageContaining("line 1: the file starts with a byte-order mark");
    }

    @Test
    void aLineWithoutEqualsStopsTheStartWithoutShowingIt() throws Exception {
        assertThatThrownBy(() -> read(write("OK=1\nJUSTTEXT-secret-stuff-here\n")))
                .hasMessageContaining("line 2 is not a NAME=VALUE line").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> read(write("=value\n"))).hasMessageContaining("line 1 is not a NAME=VALUE line");
    }

    @Test
    void everyProblemIsReportedAndTheGoodLinesStillRead() throws Exception {
        Path file = write("LOG_FILE_PATH=logs/app.log\nexport KEYS_DIR=k\nnonsense\nSECRET_PATH='s'\n");
        DotEnv env = DotEnv.read(file, true, ServeSettings.ALL, Variables.none());
        assertThat(env.problems()).extracting(Throwable::getMessage).satisfiesExactly(
                m -> assertThat(m).contains("line 2: 'export KEYS_DIR='"),
                m -> assertThat(m).contains("line 3 is not a NAME=VALUE line"),
                m -> assertThat(m).contains("line 4) is in quotes"));
        assertThat(texts(env)).isEqualTo(Map.of("LOG_FILE_PATH", "logs/app.log"));
    }

    @Test
    void aSettingSetTwiceIsWarnedAndTheLastLineCounts() throws Exception {
        DotEnv env = read(write("KEYS_DIR=a\nOTHER=1\nOTHER=2\nKEYS_DIR=b\n"));
        assertThat(texts(env)).containsEntry("KEYS_DIR", "b").containsEntry("OTHER", "2");
        assertThat(env.warnings()).singleElement().asString().contains("KEYS_DIR is set on lines 1 and 4");
    }

    @Test
    void secretsAreNeverShownOrJudged() throws Exception {
        DotEnv env = read(write("NYMDIR_KEY_PASSPHRASE=\"it's $HOME # really\"\n"));
        assertThat(texts(env)).containsEntry("NYMDIR_KEY_PASSPHRASE", "\"it's $HOME # really\"");
    }

    @Test
    void aNamedFileMustExistAMissingDefaultOneIsNoFile() throws Exception {
        Path missing = dir.resolve("nonexistent");
        assertThatThrownBy(() -> DotEnv.read(missing, true, ServeSettings.ALL, Variables.none()))
                .hasMessage("--env-file " + missing + ": no such file; name the .env file to read, or /dev/null for"
                        + " none");
        assertThat(DotEnv.read(missing, false, ServeSettings.ALL, Variables.none()).values()).isEmpty();
        assertThat(DotEnv.read(Path.of("/dev/null"), true, ServeSettings.ALL, Variables.none()).values()).isEmpty();
        assertThatThrownBy(() -> DotEnv.read(dir, true, ServeSettings.ALL, Variables.none()))
                .hasMessageContaining("is a folder");
    }

    @Test
    void onlyUtf8TextIsRead() throws Exception {
        Path file = dir.resolve(".env");
        Files.write(file, new byte[] {'A', '=', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> read(file)).hasMessageContaining("is not UTF-8 text");
        Files.write(file, new byte[64 * 1024 + 1]);
        assertThatThrownBy(() -> read(file)).hasMessageContaining("is larger than 65536 bytes");
    }

    /** The file, or its first problem thrown. */
    private static DotEnv read(Path file) {
        DotEnv env = DotEnv.read(file, true, ServeSettings.ALL, Variables.none());
        env.valuesOrThrow();
        return env;
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve(".env"), text, StandardCharsets.UTF_8);
    }

    private Path copy(String resource) throws Exception {
        try (InputStream in = DotEnvTest.class.getResourceAsStream(resource)) {
            return Files.write(dir.resolve(".env"), in.readAllBytes());
        }
    }

    private static Map<String, String> texts(DotEnv env) {
        Map<String, String> texts = new java.util.HashMap<>();
        env.values().forEach((name, value) -> texts.put(name, value.text()));
        return texts;
    }
}
