package org.nymdir.app.client;

import org.nymdir.client.ClientException;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Peer;
import org.nymdir.client.Peers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nymdir client lookup NAME}: NAME's public key, as the directory holds it. */
@Command(name = "lookup", mixinStandardHelpOptions = true, description = "Print NAME's public key.")
final class LookupCommand extends ClientAction {
    @Parameters(paramLabel = "NAME", description = "The username to look up")
    String name;

    @Option(names = "--as", paramLabel = "USER", description = "Also remember the key in USER's peers.json.")
    String as;

    @Override
    int run() throws ClientException, InterruptedException, java.io.IOException {
        ClientSetup.checkName(name);
        Peers peers = as == null ? Peers.inMemory() : setup.peers(checked(as));
        Peer peer;
        try (NymdirClient client = connect(null, peers)) {
            peer = client.lookup(name);
        }
        out.result(name + "\n" + peer.publicKeyPem().strip(),
                out.event("user").put("username", name).put("publicKey", peer.publicKeyPem()));
        return ExitCodes.OK;
    }

    private static String checked(String user) {
        ClientSetup.checkName(user);
        return user;
    }
}
