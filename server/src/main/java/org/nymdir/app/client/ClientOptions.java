package org.nymdir.app.client;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every {@code nymdir client} command takes; each has an environment variable for scripts. */
final class ClientOptions {
    @Option(names = "--nym-url", paramLabel = "URL", defaultValue = "${env:NYMDIR_NYM_URL:-ws://127.0.0.1:1977}",
            description = "Our own nym-client's WebSocket (env NYMDIR_NYM_URL; default ${DEFAULT-VALUE}).")
    URI nymUrl;

    @Option(names = "--directory", paramLabel = "ADDRESS-or-FILE",
            defaultValue = "${env:NYMDIR_DIRECTORY:-storage/nym_address.txt}",
            description = "The directory's nym address, or a file holding it, such as the nym_address.txt a"
                    + " directory writes (env NYMDIR_DIRECTORY; default ${DEFAULT-VALUE}).")
    String directory;

    @Option(names = "--directory-key", paramLabel = "FILE", defaultValue = "${env:NYMDIR_DIRECTORY_KEY}",
            description = "The directory's public key PEM; every reply must then be signed with it (env"
                    + " NYMDIR_DIRECTORY_KEY). Without it, when --directory is a file, a single *_public_key.pem"
                    + " beside that file or in keys/ beside it is used.")
    Path directoryKey;

    // Not the server's storage/: a client's private keys do not belong beside the directory's database.
    @Option(names = "--keys-dir", paramLabel = "DIR",
            defaultValue = "${env:NYMDIR_KEYS_DIR:-${sys:user.home}/.nymdir/client}",
            description = "Where users' keys live, as nymCHAT keeps them: DIR/NAME/NAME_private_key.pem and"
                    + " _public_key.pem; known peers go to DIR/NAME/peers.json (env NYMDIR_KEYS_DIR; default"
                    + " ${DEFAULT-VALUE}).")
    Path keysDir;

    @Option(names = "--passphrase-file", paramLabel = "FILE", defaultValue = "${env:NYMDIR_PASSPHRASE_FILE}",
            description = "Encrypts a new private key (register) or opens an encrypted one with the first line"
                    + " of FILE; env NYMDIR_KEY_PASSPHRASE gives the passphrase itself. Without one, keys are"
                    + " written unencrypted, as the nymCHAT app writes them.")
    Path passphraseFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for each reply from the directory (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--json", description = "One JSON object per line on stdout (errors: one on stderr).")
    boolean json;
}
