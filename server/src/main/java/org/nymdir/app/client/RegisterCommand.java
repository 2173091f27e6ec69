package org.nymdir.app.client;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.security.SecureRandom;
import org.nymdir.client.ClientException;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.UserIdentity;
import org.nymdir.crypto.ClientKeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code nymdir client register NAME}: claims a username with a key pair. Reuses the user's keys if
 * {@code --keys-dir} has them, otherwise makes and saves new ones first, so that a registration whose
 * success reply is lost does not lose the only key that can log in as NAME. Keys made by a registration the
 * directory refused are removed again.
 */
@Command(name = "register", mixinStandardHelpOptions = true, description = "Register NAME at the directory.")
final class RegisterCommand extends ClientAction {
    @Parameters(paramLabel = "NAME", description = "The username: 1-64 of A-Z a-z 0-9 _ -")
    String name;

    @Override
    int run() throws ClientException, InterruptedException, IOException {
        ClientSetup.checkName(name);
        boolean created = !ClientKeyFiles.exists(setup.keysDir(), name);
        UserIdentity me;
        if (created) {
            me = UserIdentity.generate(name, new SecureRandom());
            try {
                ClientKeyFiles.save(setup.keysDir(), name, me.keys(), setup.passphrase(), new SecureRandom());
            } catch (FileAlreadyExistsException e) {
                throw new ClientException.KeyProblem("keys for " + name + " appeared meanwhile; run again", e);
            }
        } else {
            me = setup.identity(name);
        }
        try (NymdirClient client = connect(me, setup.peers(name))) {
            client.register();
        } catch (ClientException.DirectoryError | ClientException.SignatureMismatch
                 | ClientException.Unreachable e) {
            // Refused, or never sent: the name is not ours, so keys made for it now would only mislead.
            if (created) {
                ClientKeyFiles.delete(setup.keysDir(), name);
            }
            throw e;
        } catch (ClientException.Timeout e) {
            if (created) {
                out.warn("keys kept in " + ClientKeyFiles.privateKeyPath(setup.keysDir(), name).getParent()
                        + ": the registration may have gone through");
            }
            throw e;
        }
        out.result("registered " + name + " (keys in " + ClientKeyFiles.privateKeyPath(setup.keysDir(), name)
                .getParent() + ")", out.event("registered").put("username", name)
                .put("keys", ClientKeyFiles.privateKeyPath(setup.keysDir(), name).getParent().toString()));
        return ExitCodes.OK;
    }
}
