package org.nymdir.client;

import java.security.SecureRandom;
import java.util.Objects;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.vocabulary.Usernames;

/** Who a client acts as: a username and the P-256 key pair bound to it at registration. */
public record UserIdentity(String username, EcKeyPair keys) {
    public UserIdentity {
        if (!Usernames.isValid(username)) {
            throw new IllegalArgumentException("a username is 1-" + Usernames.MAX_LENGTH
                    + " of A-Z a-z 0-9 _ - (got " + (username == null ? "none" : "'" + username + "'") + ")");
        }
        Objects.requireNonNull(keys, "keys");
    }

    /** A new user with a fresh key pair. */
    public static UserIdentity generate(String username, SecureRandom random) {
        return new UserIdentity(username, EcKeyPair.generate(random));
    }

    public String publicKeyPem() {
        return keys.publicKeyPem();
    }
}
