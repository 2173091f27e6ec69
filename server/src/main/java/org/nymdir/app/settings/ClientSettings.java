package org.nymdir.app.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Every setting of {@code nymdir client}, declared once: each is a variable, and all but the passphrase a flag. */
public final class ClientSettings {
    public static final Setting<URI> NYM_URL = Setting.of("NYMDIR_NYM_URL", "--nym-url", "URL",
            "ws://127.0.0.1:1977", "our own nym-client's WebSocket", Parsers.websocketUrl());
    public static final Setting<String> DIRECTORY = Setting.of("NYMDIR_DIRECTORY", "--directory",
            "ADDRESS-or-FILE", "storage/nym_address.txt", "the directory's nym address, or a file holding it, such"
                    + " as the nym_address.txt a directory writes",
            Parsers.text("(?s).*\\S.*", "is empty: give the directory's nym address or its address file"));
    public static final Setting<Path> DIRECTORY_KEY = Setting.of("NYMDIR_DIRECTORY_KEY", "--directory-key", "FILE",
            null, "the directory's public key PEM; every reply must then be signed with it. Without it, when"
                    + " --directory is a file, a single *_public_key.pem beside that file or in keys/ beside it is"
                    + " used", Parsers.path());
    public static final Setting<Path> KEYS_DIR = Setting.of("NYMDIR_KEYS_DIR", "--keys-dir", "DIR",
            // not the server's storage/: a client's private keys do not belong beside the directory's database
            System.getProperty("user.home") + "/.nymdir/client",
            "where users' keys live, as nymCHAT keeps them: DIR/NAME/NAME_private_key.pem and _public_key.pem;"
                    + " known peers go to DIR/NAME/peers.json", Parsers.path());
    public static final Setting<Path> PASSPHRASE_FILE = Setting.of("NYMDIR_PASSPHRASE_FILE", "--passphrase-file",
            "FILE", null, "encrypts a new private key (register) or opens an encrypted one with the first line of"
                    + " FILE. Without it or NYMDIR_KEY_PASSPHRASE, keys are written unencrypted, as the nymCHAT app"
                    + " writes them", Parsers.path());
    public static final Setting<String> KEY_PASSPHRASE = Setting.secret("NYMDIR_KEY_PASSPHRASE", "PASSPHRASE",
            "the passphrase itself, instead of --passphrase-file", Parsers.anyText());

    public static final List<Setting<?>> ALL = List.of(NYM_URL, DIRECTORY, DIRECTORY_KEY, KEYS_DIR, PASSPHRASE_FILE,
            KEY_PASSPHRASE);

    private ClientSettings() {
    }
}
