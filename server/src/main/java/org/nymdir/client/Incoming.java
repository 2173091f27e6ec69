package org.nymdir.client;

import java.time.Instant;
import org.nymdir.mixnet.addressing.NymAddress;

/** Something another user sent us, after decryption and every signature check. */
public sealed interface Incoming {
    /** Who sent it; null only for a {@link Rejected} message whose sender could not be read. */
    String from();

    Route route();

    Instant receivedAt();

    /** A chat message (plaintext type 0), decrypted, its sender's signatures verified. */
    record Message(String from, String text, Route route, Instant receivedAt) implements Incoming {
        /** Never prints the text. */
        @Override
        public String toString() {
            return "Message[from " + from + " via " + route.label() + ", " + text.length() + " chars]";
        }
    }

    /** A handshake (plaintext type 1): the sender revealed its nym address, so we may now write to it directly. */
    record Handshake(String from, NymAddress address, Route route, Instant receivedAt) implements Incoming {}

    /**
     * A message we refused: a signature that does not verify, a body we cannot decrypt, a sender whose key we
     * cannot get. {@code reason} says which, without content.
     */
    record Rejected(String from, String reason, Route route, Instant receivedAt) implements Incoming {}
}
