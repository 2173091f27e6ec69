package org.nymdir.directory;

import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.Status;
import org.nymdir.vocabulary.Unicode;
import org.nymdir.vocabulary.Usernames;

/** register + registrationResponse: bind a username to a key by having the user sign a nonce with it. */
final class Registration {
    private final UserStore users;
    private final SignatureVerifier verifier;
    private final Challenges challenges;
    private final Senders senders;
    private final FailedProofs failures;

    Registration(UserStore users, SignatureVerifier verifier, Challenges challenges, Senders senders,
                 FailedProofs failures) {
        this.users = users;
        this.failures = failures;
        this.verifier = verifier;
        this.challenges = challenges;
        this.senders = senders;
    }

    Outcome register(Request.Register request, String senderTag) {
        if (request.username() == null || request.publicKeyPem() == null) {
            return result(Status.MISSING_USERNAME_OR_KEY);
        }
        if (!Usernames.isValid(request.username())) {
            return result(Status.INVALID_USERNAME);
        }
        // Validate before storing: the original accepted any text and failed later, at verification. Text around
        // the PEM block is ignored when parsing, but stored as sent: it must be storable (no lone surrogate).
        if (!verifier.isValidPublicKey(request.publicKeyPem()) || !Unicode.isWellFormed(request.publicKeyPem())) {
            return result(Status.INVALID_PUBLIC_KEY);
        }
        // the name, a look-alike of it (LookAlikes), or a name in quarantine after a deletion
        if (users.isTaken(request.username())) {
            return result(Status.USERNAME_TAKEN);
        }
        String nonce = challenges.issue(senderTag, request.username(), request.publicKeyPem());
        return Outcome.reply(new Reply.Challenge(Topic.REGISTRATION, nonce));
    }

    Outcome respond(Request.RegistrationResponse request, String senderTag) {
        return switch (challenges.answer(senderTag, request.signatureHex())) {
            case Challenges.Answer.NoPending n -> result(Status.NO_PENDING_REGISTRATION);
            case Challenges.Answer.BadSignature b ->
                result(failures.charge(b.username(), Status.REGISTRATION_SIGNATURE_FAILED));
            case Challenges.Answer.Verified v -> {
                Challenges.Pending p = v.pending();
                if (!users.insertUser(new UserRecord(p.username(), p.publicKeyPem(), senderTag))) {
                    yield result(Status.DATABASE_FAILURE);
                }
                senders.moveRoute(p.username(), senderTag); // starts the new user's freshness; no mail yet
                yield result(Status.SUCCESS);
            }
        };
    }

    private static Outcome result(Status status) {
        return Outcome.result(Topic.REGISTRATION, status);
    }
}
