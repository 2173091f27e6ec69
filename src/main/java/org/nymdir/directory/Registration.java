package org.nymdir.directory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;

/** register + registrationResponse: bind a username to a key by having the user sign a nonce with it. */
final class Registration {
    private record Pending(String username, String publicKeyPem, String nonce) {
    }

    private final UserStore users;
    private final SignatureVerifier verifier;
    private final Supplier<String> nonces;
    private final PendingChallenges<Pending> pending;
    private final Mailroom mailroom;

    Registration(UserStore users, SignatureVerifier verifier, Supplier<String> nonces, ChallengePolicy policy,
                 Mailroom mailroom) {
        this.mailroom = mailroom;
        this.users = users;
        this.verifier = verifier;
        this.nonces = nonces;
        this.pending = policy.newPending();
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
        if (!verifier.isValidPublicKey(request.publicKeyPem()) || !StoreArgs.isWellFormed(request.publicKeyPem())) {
            return result(Status.INVALID_PUBLIC_KEY);
        }
        if (users.findUser(request.username()).isPresent()) {
            return result(Status.USERNAME_TAKEN);
        }
        String nonce = nonces.get();
        pending.put(senderTag, new Pending(request.username(), request.publicKeyPem(), nonce));
        return Outcome.reply(new Reply.Challenge(Topic.REGISTRATION, nonce));
    }

    Outcome respond(Request.RegistrationResponse request, String senderTag) {
        Optional<Pending> entry = pending.take(senderTag);
        if (entry.isEmpty()) {
            return result(Status.NO_PENDING_REGISTRATION);
        }
        Pending p = entry.get();
        byte[] nonce = p.nonce().getBytes(StandardCharsets.UTF_8);
        if (request.signatureHex() == null || !verifier.verify(p.publicKeyPem(), nonce, request.signatureHex())) {
            return result(Status.REGISTRATION_SIGNATURE_FAILED);
        }
        if (!users.insertUser(new UserRecord(p.username(), p.publicKeyPem(), senderTag))) {
            return result(Status.DATABASE_FAILURE);
        }
        mailroom.seen(p.username(), senderTag, true); // a new user has no mail; this starts their freshness
        return result(Status.SUCCESS);
    }

    int pendingCount() {
        return pending.size();
    }

    private static Outcome result(Status status) {
        return Outcome.result(Topic.REGISTRATION, status);
    }
}
