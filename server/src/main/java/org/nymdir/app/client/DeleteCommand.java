package org.nymdir.app.client;

import java.io.IOException;
import org.nymdir.client.ClientException;
import org.nymdir.client.NymdirClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nymdir client delete --as NAME}: deletes NAME's account at the directory (nymdir extension). Its
 * waiting mail goes, and the name is held back from everyone for the directory's quarantine. The local keys
 * stay (they can prove, to anyone who cares, who held the name).
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete NAME's account: its waiting mail goes, the name is quarantined.")
final class DeleteCommand extends ClientAction {
    @Option(names = "--as", paramLabel = "NAME", required = true, description = "Whose account: keys in --keys-dir")
    String as;

    @Override
    int run() throws ClientException, InterruptedException, IOException {
        ClientSetup.checkName(as);
        try (NymdirClient client = connect(setup.identity(as), setup.peers(as))) {
            client.deleteAccount();
        }
        out.result("deleted the account " + as + " (its name is quarantined; the keys stay in --keys-dir)",
                out.event("deleted").put("username", as));
        return ExitCodes.OK;
    }
}
