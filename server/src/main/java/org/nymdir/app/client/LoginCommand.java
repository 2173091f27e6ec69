package org.nymdir.app.client;

import org.nymdir.client.ClientException;
import org.nymdir.client.NymdirClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code nymdir client login NAME}: proves NAME's key; the directory then relays NAME's messages to us. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Log in as NAME: the directory will relay NAME's messages to this nym-client.")
final class LoginCommand extends ClientAction {
    @Parameters(paramLabel = "NAME", description = "A username whose keys are in --keys-dir")
    String name;

    @Override
    int run() throws ClientException, InterruptedException, java.io.IOException {
        try (NymdirClient client = connect(setup.identity(name), setup.peers(name))) {
            client.login();
        }
        out.result("logged in as " + name, out.event("loggedIn").put("username", name));
        return ExitCodes.OK;
    }
}
