package org.nymdir.directory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;

/**
 * login + loginResponse: prove possession of the registered key; on success the user's stored sender tag
 * becomes the tag of this message, so relayed messages follow the user to their new client run.
 */
final class Login {
    private record Pending(String username, String publicKeyPem, String nonce) {
    }

    private final UserStore users;
    private final SignatureVerifier verifier;
    private final Supplier<String> nonces;
    private final PendingChallenges<Pending> pending;
    private final Mailroom mailroom;

    Login(UserStore users, SignatureVerifier verifier, Supplier<String> nonces, ChallengePolicy policy,
          Mailroom mailroom) {
        this.mailroom = mailroom;
        this.users = users;
        this.verifier = verifier;
        this.nonces = nonces;
        this.pending = policy.newPending();
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
        String nonce = nonces.get();
        pending.put(senderTag, new Pending(user.get().username(), user.get().publicKeyPem(), nonce));
        return Outcome.reply(new Reply.Challenge(Topic.LOGIN, nonce));
    }

    Outcome respond(Request.LoginResponse request, String senderTag) {
        Optional<Pending> entry = pending.take(senderTag);
        if (entry.isEmpty()) {
            return result(Status.NO_PENDING_LOGIN);
        }
        Pending p = entry.get();
        byte[] nonce = p.nonce().getBytes(StandardCharsets.UTF_8);
        if (request.signatureHex() == null || !verifier.verify(p.publicKeyPem(), nonce, request.signatureHex())) {
            return result(Status.INVALID_SIGNATURE);
        }
        // The stored tag as of now: another run of this user may have moved it since the challenge.
        boolean tagChanged = users.findUser(p.username()).map(u -> !senderTag.equals(u.senderTag())).orElse(true);
        if (tagChanged) {
            users.updateSenderTag(p.username(), senderTag);
        }
        return new Outcome(new Reply.Result(Topic.LOGIN, Status.SUCCESS),
                mailroom.seen(p.username(), senderTag, tagChanged));
    }

    int pendingCount() {
        return pending.size();
    }

    private static Outcome result(Status status) {
        return Outcome.result(Topic.LOGIN, status);
    }
}
