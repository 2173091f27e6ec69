package org.nymdir.app;

import java.nio.file.Path;
import java.util.Map;
import org.nymdir.app.settings.ServeSettings;

/**
 * A directory's files as the original server lays them out in its working folder, rooted at {@code root}
 * instead: {@code storage/nym_server.db} (and {@code nym_address.txt} beside it), {@code storage/keys/},
 * {@code storage/app.log} and {@code secrets/encryption_password}. These are {@link ServeConfig}'s defaults,
 * so an original's folder, or a copy of one, opens unchanged; one place says where each file goes, for a
 * directory in this process ({@link LocalDirectory}) as for one started as {@code nymdir serve}.
 */
public record DirectoryFiles(Path root) {
    /** The original's {@code NYM_CLIENT_ID}, which names the database and the key files. */
    private static final String ID = "nym_server";

    public DirectoryFiles {
        root = root.toAbsolutePath();
    }

    public Path database() {
        return root.resolve("storage/" + ID + ".db");
    }

    public Path keysDir() {
        return root.resolve("storage/keys");
    }

    /** Where the server publishes its public key (the private key, encrypted, is beside it). */
    public Path publicKeyFile() {
        return keysDir().resolve(ID + "_public_key.pem");
    }

    /** The password of the server's key. */
    public Path secret() {
        return root.resolve("secrets/encryption_password");
    }

    public Path logFile() {
        return root.resolve("storage/app.log");
    }

    public Path addressFile() {
        return root.resolve("storage/nym_address.txt");
    }

    /** The layout as {@code nymdir serve}'s variables (for its environment, or {@link ServeConfig#from}). */
    public Map<String, String> variables() {
        return Map.of(
                ServeSettings.NYM_CLIENT_ID.name(), ID,
                ServeSettings.DATABASE_PATH.name(), database().toString(),
                ServeSettings.KEYS_DIR.name(), keysDir().toString(),
                ServeSettings.SECRET_PATH.name(), secret().toString(),
                ServeSettings.LOG_FILE_PATH.name(), logFile().toString(),
                ServeSettings.NYM_ADDRESS_FILE.name(), addressFile().toString());
    }
}
