package org.nymdir.app.client;

import org.nymdir.client.ClientException;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Route;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nymdir client send TO TEXT --as NAME}: an end-to-end encrypted, signed message; direct when TO sent
 * us a handshake (as the nymCHAT app does), through the directory otherwise.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send TEXT to TO, encrypted: directly if TO sent you a handshake, else through the directory.")
final class SendCommand extends ClientAction {
    @Parameters(index = "0", paramLabel = "TO", description = "The recipient's username")
    String to;

    @Parameters(index = "1", paramLabel = "TEXT", description = "The message")
    String text;

    @Option(names = "--as", paramLabel = "NAME", required = true, description = "Who sends: keys in --keys-dir")
    String as;

    @ArgGroup(exclusive = true)
    Via via;

    static final class Via {
        @Option(names = "--direct", description = "Only directly (fails without a handshake from TO).")
        boolean direct;

        @Option(names = "--via-directory", description = "Always through the directory.")
        boolean directory;
    }

    @Override
    int run() throws ClientException, InterruptedException, java.io.IOException {
        ClientSetup.checkName(to);
        Route route;
        try (NymdirClient client = connect(setup.identity(as), setup.peers(as))) {
            route = via == null ? client.send(to, text)
                    : client.send(to, text, via.direct ? Route.DIRECT : Route.DIRECTORY);
        }
        out.result("sent to " + to + " (" + route.label() + ")",
                out.event("sent").put("to", to).put("route", route.label()));
        return ExitCodes.OK;
    }
}
