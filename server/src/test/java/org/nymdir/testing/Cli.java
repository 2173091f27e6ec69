package org.nymdir.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.nymdir.Main;
import picocli.CommandLine;

/**
 * Runs {@code nymdir} commands in-process exactly as the launcher does ({@link Main#commandLine()}), capturing
 * what they print.
 *
 * <pre>{@code
 * Cli.Run run = Cli.run("client", "lookup", "bob", "--json", ...);
 * assertThat(run.exitCode()).isZero();
 * assertThat(run.outLines()).hasSize(1);
 * }</pre>
 */
public final class Cli {
    private Cli() {}

    /** What one command did: its exit code and everything it printed. */
    public record Run(int exitCode, String out, String err) {
        public List<String> outLines() {
            return out.lines().toList();
        }

        /** For assertion messages. */
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs a command of the server's tree ({@link Main#commandLine()}). */
    public static Run run(String... args) {
        return run(Main.commandLine(), args);
    }

    /** Runs a command of another tree (the load tools' {@code LoadMain.commandLine()}). */
    public static Run run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
