package org.nymdir.app.client;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.nymdir.client.ClientException;
import org.nymdir.client.NymdirClient;
import org.nymdir.crypto.ClientKeyFiles;
import org.nymdir.crypto.EcKeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nymdir client rotate-key --as NAME}: moves NAME to a new key pair (nymdir extension). The new keys are
 * saved aside first ({@code --keys-dir/.rotating}), so a rotation whose reply is lost does not lose the only key
 * that can log in any more; on {@code success} they replace the old ones.
 */
@Command(name = "rotate-key", mixinStandardHelpOptions = true,
        description = "Move NAME to a new key pair, signed by the old key and the new one.")
final class RotateKeyCommand extends ClientAction {
    @Option(names = "--as", paramLabel = "NAME", required = true, description = "Whose key: keys in --keys-dir")
    String as;

    @Override
    int run() throws ClientException, InterruptedException, IOException {
        ClientSetup.checkName(as);
        var me = setup.identity(as);
        Path staging = setup.keysDir().resolve(".rotating");
        EcKeyPair next = EcKeyPair.generate(new SecureRandom());
        try {
            ClientKeyFiles.save(staging, as, next, setup.passphrase(), new SecureRandom());
        } catch (FileAlreadyExistsException e) {
            throw new ClientException.KeyProblem("an earlier rotation of " + as + " left its new key in "
                    + ClientKeyFiles.privateKeyPath(staging, as).getParent() + ": if " + as + " no longer logs in"
                    + " with the old key, move that one in place; else delete it, and run again", e);
        }
        try (NymdirClient client = connect(me, setup.peers(as))) {
            client.rotateKey(next);
        } catch (ClientException.DirectoryError | ClientException.SignatureMismatch | ClientException.Unreachable
                 | ClientException.UserUnknown e) {
            ClientKeyFiles.delete(staging, as); // refused or never sent: the old key stays the one
            throw e;
        } catch (ClientException.Timeout e) {
            out.warn("the new key stays in " + ClientKeyFiles.privateKeyPath(staging, as).getParent()
                    + ": the rotation may have gone through");
            throw e;
        }
        ClientKeyFiles.promote(staging, setup.keysDir(), as);
        out.result("rotated the key of " + as + " (keys in " + ClientKeyFiles.privateKeyPath(setup.keysDir(), as)
                .getParent() + ")", out.event("rotated").put("username", as));
        return ExitCodes.OK;
    }
}
