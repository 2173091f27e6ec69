package org.nymdir.directory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.Presence;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.Status;
import org.nymdir.vocabulary.Usernames;

/**
 * An account's life after registration (nymdir extensions): key rotation signed by the old and the new key,
 * deletion signed by the key, and the expiry of names nobody uses. A deleted (or expired) name, with every
 * look-alike, is held back for {@link NamePolicy#quarantine}, so nobody can claim it at once and pose as its
 * old owner to their contacts; its waiting mail goes with it.
 *
 * <p>Both requests must come from a tag on which the user logged in (or registered) in this run
 * ({@link ProvenTags}): the signed content proves the owner wrote it once, not that they sent it now, and
 * only a fresh challenge proves that. So a captured request replayed from another connection changes nothing.
 */
final class AccountLife {
    /** Names expired or freed per housekeeping round: a bounded amount of work each time. */
    static final int SWEEP_BATCH = 1_000;
    /** Waiting messages removed per mailbox call while a deleted account's mail goes. */
    private static final int MAIL_BATCH = 100;

    private final UserStore users;
    private final Mailbox mailbox;
    private final Presence presence;
    private final SignatureVerifier verifier;
    private final ProvenTags proven;
    private final Clock clock;
    private final NamePolicy policy;

    AccountLife(Stores stores, SignatureVerifier verifier, ProvenTags proven, Clock clock, NamePolicy policy) {
        this.users = stores.users();
        this.mailbox = stores.mailbox();
        this.presence = stores.presence();
        this.verifier = verifier;
        this.proven = proven;
        this.clock = clock;
        this.policy = policy;
    }

    Outcome rotate(Request.RotateKey r, String senderTag) {
        if (r.content() == null || r.signatureHex() == null || r.newSignatureHex() == null) {
            return result(Topic.ROTATE_KEY, Status.MISSING_CONTENT_OR_SIGNATURE);
        }
        if (!(r.account() instanceof AccountContent.Rotation rotation)) {
            return result(Topic.ROTATE_KEY, contentError(r.account()));
        }
        Optional<UserRecord> user = owner(rotation.username());
        Status refused = refusal(user, rotation.username(), senderTag, r.content(), r.signatureHex());
        if (refused != null) {
            return result(Topic.ROTATE_KEY, refused);
        }
        if (!verifier.isValidPublicKey(rotation.publicKeyPem())) {
            return result(Topic.ROTATE_KEY, Status.INVALID_PUBLIC_KEY);
        }
        // the new key signs too: nobody moves a name to a key they do not hold (or to someone else's)
        if (!verifier.verify(rotation.publicKeyPem(), bytes(r.content()), r.newSignatureHex())) {
            return result(Topic.ROTATE_KEY, Status.INVALID_SIGNATURE);
        }
        if (!users.replaceKey(rotation.username(), user.get().publicKeyPem(), rotation.publicKeyPem())) {
            return result(Topic.ROTATE_KEY, Status.DATABASE_FAILURE); // rotated or deleted meanwhile
        }
        // tags proven with the old key prove nothing now; this one proved the old key and sent the new one
        proven.forgetUser(rotation.username());
        proven.add(senderTag, rotation.username());
        return result(Topic.ROTATE_KEY, Status.SUCCESS);
    }

    Outcome delete(Request.DeleteAccount r, String senderTag) {
        if (r.content() == null || r.signatureHex() == null) {
            return result(Topic.DELETE_ACCOUNT, Status.MISSING_CONTENT_OR_SIGNATURE);
        }
        if (!(r.account() instanceof AccountContent.Deletion deletion)) {
            return result(Topic.DELETE_ACCOUNT, contentError(r.account()));
        }
        Optional<UserRecord> user = owner(deletion.username());
        Status refused = refusal(user, deletion.username(), senderTag, r.content(), r.signatureHex());
        if (refused != null) {
            return result(Topic.DELETE_ACCOUNT, refused);
        }
        return result(Topic.DELETE_ACCOUNT, deleteAccount(deletion.username()) ? Status.SUCCESS
                : Status.DATABASE_FAILURE);
    }

    /**
     * Deletes {@code username}'s account as its owner asked (or as expiry does): the user goes and the name is
     * held for the quarantine, then the waiting mail goes, the presence forgets the client's acking, and no tag
     * counts as the user's any more. {@code false} when there was no such user.
     */
    boolean deleteAccount(String username) {
        if (!users.deleteAccount(username, clock.instant().plus(policy.quarantine()))) {
            return false;
        }
        // The user is gone first, so no new mail is accepted for them while the old goes. Should this stop half
        // way, the rest expires with the mailbox life, well within the quarantine, before anyone has the name.
        List<MailboxMessage> waiting;
        while (!(waiting = mailbox.pending(username, MAIL_BATCH)).isEmpty()) {
            mailbox.remove(username, waiting.stream().map(MailboxMessage::id).toList());
        }
        presence.setAcking(username, false);
        proven.forgetUser(username);
        return true;
    }

    /**
     * Housekeeping: deletes the accounts unused beyond the expiry (when one is set) and frees names whose
     * quarantine ended, a bounded batch of each. Returns how many accounts expired.
     */
    int sweep() {
        Instant now = clock.instant();
        int expired = 0;
        if (policy.expiry().isPresent()) {
            for (String name : users.unusedSince(now.minus(policy.expiry().get()), SWEEP_BATCH)) {
                expired += deleteAccount(name) ? 1 : 0;
            }
        }
        users.releaseHolds(now, SWEEP_BATCH);
        return expired;
    }

    private Optional<UserRecord> owner(String username) {
        return Usernames.isValid(username) ? users.findUser(username) : Optional.empty();
    }

    /** Why a signed account request of {@code username} is refused, or null: unknown, not logged in, bad signature. */
    private Status refusal(Optional<UserRecord> user, String username, String senderTag, String content,
                           String signatureHex) {
        if (user.isEmpty()) {
            return Status.UNRECOGNIZED_SENDER;
        }
        if (!username.equals(proven.userOf(senderTag))) {
            return Status.NOT_LOGGED_IN;
        }
        return verifier.verify(user.get().publicKeyPem(), bytes(content), signatureHex) ? null
                : Status.INVALID_SIGNATURE;
    }

    private static Status contentError(AccountContent content) {
        return switch (content) {
            case AccountContent.NotJson n -> Status.INVALID_CONTENT_JSON;
            case AccountContent.BeyondBounds b -> Status.JSON_BEYOND_BOUNDS;
            case AccountContent.Missing m -> Status.MISSING_ACCOUNT_FIELDS;
            case AccountContent.Rotation rotation -> Status.MISSING_ACCOUNT_FIELDS; // a rotation sent as a deletion
            case AccountContent.Deletion deletion -> Status.MISSING_ACCOUNT_FIELDS;
        };
    }

    private static byte[] bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private static Outcome result(Topic topic, Status status) {
        return Outcome.result(topic, status);
    }
}
