package org.nymdir.directory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;

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
     * A request proved that {@code username} holds their key: their stored tag becomes {@code senderTag}
     * (re-read now, another run of theirs may have moved it), their freshness is recorded, and mail that
     * waited for a fresh tag is returned for it.
     */
    List<Outcome.Delivery> follow(String username, String senderTag) {
        boolean tagChanged = users.findUser(username).map(u -> !senderTag.equals(u.senderTag())).orElse(true);
        if (tagChanged) {
            users.updateSenderTag(username, senderTag);
        }
        return mailroom.seen(username, senderTag, tagChanged);
    }
}
