package org.nymdir.directory;

import java.util.Optional;
import org.nymdir.crypto.DecoyKeys;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.Status;
import org.nymdir.vocabulary.Usernames;

/**
 * login + loginResponse: prove possession of the registered key; on success the user's stored sender tag
 * becomes the tag of this message, so relayed messages follow the user to their new client run.
 */
final class Login {
    private final UserStore users;
    private final Challenges challenges;
    private final Senders senders;
    private final FailedProofs failures;
    private final Blocklist blocked;
    private final DecoyKeys decoys;

    /**
     * @param decoys null: an unknown name answers {@code user not found}; else (membership hiding) it gets a
     *               challenge for its decoy key, which no signature verifies, so it fails as a wrong signature does
     */
    Login(UserStore users, Challenges challenges, Senders senders, FailedProofs failures, Blocklist blocked,
          DecoyKeys decoys) {
        this.blocked = blocked;
        this.users = users;
        this.decoys = decoys;
        this.failures = failures;
        this.challenges = challenges;
        this.senders = senders;
    }

    Outcome login(Request.Login request, String senderTag) {
        if (request.username() == null) {
            return result(Status.MISSING_USERNAME);
        }
        if (!Usernames.isValid(request.username())) {
            return result(Status.USER_NOT_FOUND);
        }
        // computed for known names too: the same work whether the name exists or not
        String decoy = decoys == null ? null : decoys.publicKeyPem(request.username());
        Optional<UserRecord> user = users.findUser(request.username());
        if (user.isEmpty() && decoy == null) {
            return result(Status.USER_NOT_FOUND);
        }
        String nonce = user.isPresent() ? challenges.issue(senderTag, user.get().username(), user.get().publicKeyPem())
                : challenges.issue(senderTag, request.username(), decoy);
        return Outcome.reply(new Reply.Challenge(Topic.LOGIN, nonce));
    }

    Outcome respond(Request.LoginResponse request, String senderTag) {
        return switch (challenges.answer(senderTag, request.signatureHex())) {
            case Challenges.Answer.NoPending n -> result(Status.NO_PENDING_LOGIN);
            case Challenges.Answer.BadSignature b -> result(failures.charge(b.username(), Status.INVALID_SIGNATURE));
            // Blocked between login and loginResponse: no login, and the waiting mail stays where it is.
            case Challenges.Answer.Verified v -> blocked.isBlocked(v.pending().username())
                    ? result(Status.USER_BLOCKED)
                    : new Outcome(new Reply.Result(Topic.LOGIN, Status.SUCCESS),
                            senders.moveRoute(v.pending().username(), senderTag));
        };
    }

    private static Outcome result(Status status) {
        return Outcome.result(Topic.LOGIN, status);
    }
}
