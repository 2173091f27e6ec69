package org.nymdir.app.client;

import java.time.Duration;
import org.nymdir.client.ClientException;
import org.nymdir.client.Incoming;
import org.nymdir.client.NymdirClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nymdir client listen --as NAME}: logs in (so the directory relays to us), then prints what arrives,
 * relayed or direct, until stopped, {@code --count} messages arrived, or {@code --for} ran out.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "Log in, then print incoming messages and handshakes as they arrive.")
final class ListenCommand extends ClientAction {
    @Option(names = "--as", paramLabel = "NAME", required = true, description = "Who listens: keys in --keys-dir")
    String as;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N messages, handshakes or refusals.")
    Integer count;

    @Option(names = "--for", paramLabel = "SECONDS",
            description = "Stop after this long; with --count, exit 4 (timeout) if fewer than N arrived.")
    Double seconds;

    @Override
    int run() throws ClientException, InterruptedException, java.io.IOException {
        if (count != null && count < 1 || seconds != null && !(seconds > 0)) {
            throw new IllegalArgumentException("--count and --for must be positive");
        }
        try (NymdirClient client = connect(setup.identity(as), setup.peers(as))) {
            client.login();
            out.result("listening as " + as + " (Ctrl-C to stop)", out.event("listening").put("username", as)
                    .put("address", client.address().text()));
            return listen(client);
        }
    }

    private int listen(NymdirClient client) throws InterruptedException {
        // Monotonic: --seconds is how long to listen, a duration, not a decision on the clock.
        long deadline = seconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
        int received = 0;
        while (count == null || received < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Incoming in = client.receive(Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos())));
            if (in != null) {
                out.incoming(in);
                received++;
            }
        }
        if (count != null && received < count) {
            return out.fail("timeout", "only " + received + " of " + count + " messages arrived within " + seconds
                    + " s", ExitCodes.TIMEOUT);
        }
        return ExitCodes.OK;
    }
}
