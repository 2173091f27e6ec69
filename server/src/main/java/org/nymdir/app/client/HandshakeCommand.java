package org.nymdir.app.client;

import org.nymdir.client.ClientException;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Route;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nymdir client handshake TO --as NAME}: reveals our nym address to TO, encrypted, so TO can write directly. */
@Command(name = "handshake", mixinStandardHelpOptions = true,
        description = "Tell TO your nym address (encrypted), so TO can message you directly.")
final class HandshakeCommand extends ClientAction {
    @Parameters(paramLabel = "TO", description = "The peer's username")
    String to;

    @Option(names = "--as", paramLabel = "NAME", required = true, description = "Who you are: keys in --keys-dir")
    String as;

    @Override
    int run() throws ClientException, InterruptedException, java.io.IOException {
        ClientSetup.checkName(to);
        Route route;
        try (NymdirClient client = connect(setup.identity(as), setup.peers(as))) {
            route = client.handshake(to);
        }
        out.result("handshake sent to " + to + " (" + route.label() + "): " + to + " can now write to you directly",
                out.event("handshakeSent").put("to", to).put("route", route.label()));
        return ExitCodes.OK;
    }
}
