package org.nymdir.load.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.nymdir.load.LoadMain;
import org.nymdir.testing.Cli;

/**
 * {@code nymdir soak}, small: a few hundred requests through the local mixnet with delay and loss, nothing
 * accepted lost, and the summary says so in every field. The 100,000-request run is the command itself
 * (docs/soak.md).
 */
class SoakCommandTest {
    @Test
    void aSmallSoakLosesNothingAndAccountsForEverything() throws Exception {
        Cli.Run run = Cli.run(LoadMain.commandLine(), "soak", "--requests", "300", "--users", "6",
                "--latency-ms", "5", "--jitter-ms", "5",
                "--loss", "0.002", "--seed", "7", "--max-minutes", "3", "--reply-timeout", "2", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode s = new ObjectMapper().readTree(run.out());

        assertThat(s.get("requests").asLong()).isEqualTo(300);
        assertThat(s.get("issued").asLong()).isEqualTo(300);
        assertThat(s.get("complete").asBoolean()).isTrue();
        assertThat(s.get("lost").asLong()).isZero();
        long accepted = s.get("accepted").asLong();
        assertThat(accepted).isPositive();
        assertThat(s.get("delivered").asLong() + s.get("stored").asLong() + s.get("expired").asLong())
                .isEqualTo(accepted);
        assertThat(s.get("expired").asLong()).isZero(); // a 7-day mailbox life in a short run
        assertThat(s.get("integrityFailures").asLong()).isZero();
        assertThat(s.get("verdict").asText()).startsWith("PASS");

        JsonNode ops = s.get("operations");
        long issued = 0;
        for (String op : new String[] {"send", "lookup", "lookup_unknown", "login", "bad", "reconnect"}) {
            JsonNode o = ops.get(op);
            assertThat(o).as(op).isNotNull();
            assertThat(o.get("ok").asLong() + o.get("refused").asLong() + o.get("unanswered").asLong()
                    + o.get("wrong").asLong()).as(op).isEqualTo(o.get("issued").asLong());
            assertThat(o.get("wrong").asLong()).as(op).isZero();
            issued += o.get("issued").asLong();
        }
        assertThat(issued).isEqualTo(300);
        assertThat(ops.get("send").get("ok").asLong()).isEqualTo(accepted);
        assertThat(s.get("refused").asLong()).as("raised limits: the soak's own load is not refused").isZero();
        assertThat(s.get("sim").get("messagesRouted").asLong()).isPositive();
        assertThat(s.get("settings").get("loss").asDouble()).isEqualTo(0.002);
        assertThat(run.err()).contains("soak: 300 requests, 6 users, seed 7");
    }

    @Test
    void printsTheAccountsAsText() {
        Cli.Run run = Cli.run(LoadMain.commandLine(), "soak", "--requests", "80", "--users", "3",
                "--latency-ms", "2", "--jitter-ms", "2",
                "--loss", "0.001", "--max-minutes", "3", "--reply-timeout", "2");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (String field : new String[] {"accepted", "delivered", "stored", "expired", "lost", "unanswered",
            "refused", "recovery", "sim:"}) {
            assertThat(run.outLines()).as(field).anyMatch(l -> l.strip().startsWith(field));
        }
        assertThat(run.outLines())
                .anyMatch(l -> l.matches("\\s+lost\\s+0\\s+= accepted - delivered - stored - expired"));
        assertThat(run.out()).contains("80 of 80").contains("PASS: nothing lost");
    }

    @Test
    void refusesNonsense() {
        assertThat(Cli.run(LoadMain.commandLine(), "soak", "--users", "1").exitCode()).isEqualTo(2);
        assertThat(Cli.run(LoadMain.commandLine(), "soak", "--loss", "2").exitCode()).isEqualTo(2);
        assertThat(Cli.run(LoadMain.commandLine(), "soak", "--limits", "none").exitCode()).isEqualTo(2);
    }
}
