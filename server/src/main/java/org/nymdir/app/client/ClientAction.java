package org.nymdir.app.client;

import java.util.concurrent.Callable;
import org.nymdir.app.Logging;
import org.nymdir.client.ClientException;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Peers;
import org.nymdir.client.UserIdentity;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code nymdir client} command shares: the options, the output, connecting, and turning each
 * failure into its message and exit code in one place.
 */
abstract class ClientAction implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    Output out;
    ClientSetup setup;

    @Override
    public final Integer call() {
        out = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json);
        setup = new ClientSetup(options);
        try {
            Logging.quietForCommands();
            return run();
        } catch (ClientException e) {
            return out.fail(e);
        } catch (IllegalArgumentException e) {
            return out.fail("usage", e.getMessage(), ExitCodes.USAGE);
        } catch (java.io.IOException e) {
            return out.fail("io", e.toString(), ExitCodes.INTERNAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return out.fail("interrupted", "interrupted", 130);
        }
    }

    abstract int run() throws ClientException, InterruptedException, java.io.IOException;

    /** Connects to our nym-client as {@code me} (null: as nobody), warning if replies go unverified. */
    NymdirClient connect(UserIdentity me, Peers peers) throws ClientException, InterruptedException,
            java.io.IOException {
        var config = setup.config();
        if (config.directoryKey() == null) {
            out.warn("the directory's replies are not verified: give --directory-key FILE");
        }
        return NymdirClient.connect(options.nymUrl(), config, me, peers);
    }
}
