package org.nymdir.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnknownNamesTest {
    private static final Set<String> KNOWN = Set.of("NYMDIR_LIMIT_SEND", "NYMDIR_LIMIT_LOOKUP", "NYMDIR_MAILBOX_TTL",
            "DATABASE_PATH", "KEYS_DIR", "NYMDIR_NYM_URL");

    @Test
    void unknownNymdirNamesAreWarnedWithTheSettingMeant() {
        List<String> warnings = UnknownNames.warnings(env(Map.of("NYMDIR_LIMIT_SENDD", "1/1",
                "NYMDIR_MAILBOX_TTTL", "1d", "NYMDIR_SOMETHING_ELSE", "x", "NYMDIR_NYM_URL", "ws://a:1",
                "PATH", "/bin", "DATABSE_PATH", "x")), Map.of(), KNOWN);
        assertThat(warnings).containsExactly(
                "NYMDIR_LIMIT_SENDD (environment) is not a nymdir setting and is ignored; did you mean"
                        + " NYMDIR_LIMIT_SEND?",
                "NYMDIR_MAILBOX_TTTL (environment) is not a nymdir setting and is ignored; did you mean"
                        + " NYMDIR_MAILBOX_TTL?",
                "NYMDIR_SOMETHING_ELSE (environment) is not a nymdir setting and is ignored");
    }

    @Test
    void inTheEnvFileNearMissesOfAnySettingAreWarnedToo() {
        Map<String, Variables.Value> file = Map.of(
                "DATABSE_PATH", new Variables.Value("storage/x.db", ".env line 2"),
                "KEY_DIR", new Variables.Value("k", ".env line 3"),
                "SERVER_USERNAME", new Variables.Value("nym_server", ".env line 4"));
        assertThat(UnknownNames.warnings(Map.of(), file, KNOWN)).containsExactly(
                "DATABSE_PATH (.env line 2) is not a nymdir setting and is ignored; did you mean DATABASE_PATH?",
                "KEY_DIR (.env line 3) is not a nymdir setting and is ignored; did you mean KEYS_DIR?");
    }

    @Test
    void oneTypoIsOneEdit() {
        assertThat(UnknownNames.distance("NYMDIR_LIMIT_SEND", "NYMDIR_LIMIT_SEND")).isZero();
        assertThat(UnknownNames.distance("NYMDIR_LIMIT_SNED", "NYMDIR_LIMIT_SEND")).isEqualTo(1); // swapped
        assertThat(UnknownNames.distance("NYMDIR_LIMIT_SEN", "NYMDIR_LIMIT_SEND")).isEqualTo(1); // dropped
        assertThat(UnknownNames.distance("NYMDIR_LIMIT_SENT", "NYMDIR_LIMIT_SEND")).isEqualTo(1); // wrong
        assertThat(UnknownNames.nearest("NYMDIR_LIMIT_ACKS", KNOWN)).isEmpty(); // ACK is not in this list
        assertThat(UnknownNames.nearest("NYMDIR_LIMIT_LOKUP", KNOWN)).hasValue("NYMDIR_LIMIT_LOOKUP");
    }

    private static Map<String, Variables.Value> env(Map<String, String> texts) {
        return Variables.of(texts, "environment").asMap();
    }
}
