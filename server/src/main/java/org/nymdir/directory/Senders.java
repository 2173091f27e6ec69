package org.nymdir.directory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.Usernames;

/**
 * Signed requests (send, ack): who signed them; and a user's route (their stored sender tag), which only a
 * fresh challenge moves.
 *
 * <p>Why a signed request never moves the route: a signature over a send's content proves that the user
 * wrote the content once, not that the user sent this request. nymCHAT sends exactly that content and
 * signature peer to peer as a direct message, so every recipient of one could replay it as a {@code send}
 * from their own connection; the original then moved the user's tag to the replayer and with it all their
 * mail. Only a registration or login answers a nonce nobody saw before.
 */
final class Senders {
    /** How a signature check came out. */
    sealed interface Check {
        record Unknown() implements Check {
        }

        record BadSignature() implements Check {
        }

        record Verified(UserRecord user) implements Check {
        }
    }

    private final UserStore users;
    private final SignatureVerifier verifier;
    private final Mailroom mailroom;
    private final ProvenTags proven;

    Senders(UserStore users, SignatureVerifier verifier, Mailroom mailroom, ProvenTags proven) {
        this.users = users;
        this.proven = proven;
        this.verifier = verifier;
        this.mailroom = mailroom;
    }

    /** Whether the registered user {@code username} signed {@code content} (its UTF-8 bytes, as sent). */
    Check check(String username, String content, String signatureHex) {
        Optional<UserRecord> user = Usernames.isValid(username) ? users.findUser(username) : Optional.empty();
        if (user.isEmpty()) {
            return new Check.Unknown();
        }
        return verifier.verify(user.get().publicKeyPem(), content.getBytes(StandardCharsets.UTF_8), signatureHex)
                ? new Check.Verified(user.get()) : new Check.BadSignature();
    }

    /**
     * An accepted signed request of {@code user} came from {@code senderTag}. Only when that is the user's
     * route does it count as a sign of life (freshness, and mail that waited for a fresh tag); from any other
     * tag it changes nothing, since the signed content may be a replay. {@code user} must be as read while
     * handling this request.
     */
    List<Outcome.Delivery> seen(UserRecord user, String senderTag) {
        // a tag held by another node is another tag, whatever its text
        if (!user.isLocal() || !senderTag.equals(user.senderTag())) {
            return List.of();
        }
        return mailroom.seen(user.username(), senderTag, false);
    }

    /**
     * A fresh challenge proved that {@code username} holds their key from {@code senderTag}: their route
     * becomes that tag, their freshness is recorded, and mail that waited for a fresh tag is returned for it.
     * The user is read now (a challenge may be minutes old).
     */
    List<Outcome.Delivery> moveRoute(String username, String senderTag) {
        proven.add(senderTag, username);
        return users.findUser(username).map(user -> {
            // a tag held by another node is another tag, whatever its text: the user moves here
            boolean tagChanged = !user.isLocal() || !senderTag.equals(user.senderTag());
            if (tagChanged) {
                users.updateSenderTag(user.username(), senderTag);
            }
            return mailroom.seen(user.username(), senderTag, tagChanged);
        }).orElse(List.of());
    }
}
