package org.nymdir.client;

import java.util.Objects;
import org.nymdir.mixnet.addressing.NymAddress;

/**
 * What we know about another user.
 *
 * @param username their username
 * @param publicKeyPem their public key, from a lookup or from the {@code senderPublicKey} of their first message
 * @param address their nym address, known only after they sent us a handshake; null until then
 * @param introduced whether we already sent them a message (the first one carries our public key, as nymCHAT's
 *     "first contact" does)
 */
public record Peer(String username, String publicKeyPem, NymAddress address, boolean introduced) {
    public Peer {
        Objects.requireNonNull(username, "username");
    }

    Peer withKey(String pem) {
        return new Peer(username, pem, address, introduced);
    }

    Peer withAddress(NymAddress a) {
        return new Peer(username, publicKeyPem, a, introduced);
    }

    Peer asIntroduced() {
        return new Peer(username, publicKeyPem, address, true);
    }
}
