package org.nymdir.directory;

import java.util.Optional;
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

    Login(UserStore users, Challenges challenges, Senders senders, FailedProofs failures, Blocklist blocked) {
        this.blocked = blocked;
        this.users = users;
        this.failures = failures;
        this.challenges = challenges;
        this.senders = senders;
    }

    Outcome login(Request.Login request, String senderTag) {
        if (request.username() == null) {
            return result(Status.MISSING_USERNAME);
        }
        Optional<UserRecord> user = Usernames.isValid(request.username())
                ? users.findUser(request.username()) : Optional.empty();
        if (user.isEmpty()) {
            return result(Status.USER_NOT_FOUND);
        }
        String nonce = challenges.issue(senderTag, user.get().username(), user.get().publicKeyPem());
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
