package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.nymdir.Main;
import picocli.CommandLine;

class SimCommandTest {
    @Test
    void simIsACommandWithTheDocumentedOptions() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("sim", "--help")).isZero();
        assertThat(out.toString()).contains("--service-port", "--clients-port", "--stats-port", "--state-dir",
                "--seed", "--latency-ms", "--jitter-ms", "--loss", "--max-message-bytes", "--simple-surbs",
                "--text-mode");
    }

    @Test
    void badKnobsAreRejected() {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("sim", "--loss", "2", "--service-port", "0", "--clients-port", "0",
                "--stats-port", "0")).isNotZero();
    }
}
