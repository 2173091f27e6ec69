package org.nymdir.app.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses to let a new server key appear silently beside a database that has users: their clients pinned
 * the old key and would reject every reply signed by a new one. A missing key file there is almost always a
 * mistake (a typo in KEYS_DIR or NYM_CLIENT_ID, a volume not mounted, a restore that forgot the keys).
 */
public final class KeyGuard {
    private KeyGuard() {
    }

    /**
     * Throws when {@code privateKey} does not exist, {@code users > 0}, and the operator did not ask for a new
     * key ({@code --new-server-key} / {@code NYMDIR_NEW_SERVER_KEY=true}).
     */
    public static void check(Path privateKey, String store, long users, boolean allowed) {
        if (users > 0 && !allowed && !Files.exists(privateKey)) {
            throw new IllegalStateException("refusing to create a new server key: " + privateKey.toAbsolutePath()
                    + " does not exist, but the store " + store + " has " + users
                    + " users whose clients know the old key. Restore the key file (and its SECRET_PATH), fix"
                    + " KEYS_DIR or NYM_CLIENT_ID, or start once with --new-server-key true"
                    + " (NYMDIR_NEW_SERVER_KEY=true) to make a new one on purpose");
        }
    }
}
