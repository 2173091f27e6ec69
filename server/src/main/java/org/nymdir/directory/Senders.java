package org.nymdir.directory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.Usernames;

/**
 * Signed requests (send, ack): who signed them, and following a proven user to the sender tag they use now.
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

    Senders(UserStore users, SignatureVerifier verifier, Mailroom mailroom) {
        this.users = users;
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
     * A request proved that {@code user} holds their key: their stored tag becomes {@code senderTag}, their
     * freshness is recorded, and mail that waited for a fresh tag is returned for it. {@code user} must be
     * as read while handling this request (requests of one tag run in order, so it is current for it).
     */
    List<Outcome.Delivery> follow(UserRecord user, String senderTag) {
        boolean tagChanged = !senderTag.equals(user.senderTag());
        if (tagChanged) {
            users.updateSenderTag(user.username(), senderTag);
        }
        return mailroom.seen(user.username(), senderTag, tagChanged);
    }

    /** As {@link #follow(UserRecord, String)}, reading the user now (a challenge may be minutes old). */
    List<Outcome.Delivery> follow(String username, String senderTag) {
        return users.findUser(username).map(u -> follow(u, senderTag)).orElse(List.of());
    }
}
