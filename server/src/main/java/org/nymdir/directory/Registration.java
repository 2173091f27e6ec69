package org.nymdir.directory;

import java.util.Optional;
import org.nymdir.crypto.Hashcash;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.RateLimiter;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.Status;
import org.nymdir.vocabulary.Unicode;
import org.nymdir.vocabulary.Usernames;

/**
 * register + registrationResponse: bind a username to a key by having the user sign a nonce with it.
 *
 * <p>A registration's cost does not come from its tag (tags are free): the challenge carries a puzzle
 * ({@link Hashcash}, at {@link WorkDifficulty}'s bits), and an answer without its solution, as every v1 client
 * sends, draws on the node-wide {@link Limit#REGISTER_NODE} budget instead. Either is paid before the signature
 * is checked and before anything is stored. With membership hiding on, a taken name is told only after that
 * payment, at the answer, so asking whether a name exists costs as much as trying to take it.
 */
final class Registration {
    /** The key of the node-wide budget. */
    private static final String NODE = "node";

    private final UserStore users;
    private final SignatureVerifier verifier;
    private final Challenges challenges;
    private final Senders senders;
    private final FailedProofs failures;
    private final RateLimiter limiter;
    private final WorkDifficulty difficulty;
    private final boolean hideMembership;

    Registration(UserStore users, SignatureVerifier verifier, Challenges challenges, Senders senders,
                 FailedProofs failures, RateLimiter limiter, WorkDifficulty difficulty, boolean hideMembership) {
        this.users = users;
        this.failures = failures;
        this.verifier = verifier;
        this.challenges = challenges;
        this.senders = senders;
        this.limiter = limiter;
        this.difficulty = difficulty;
        this.hideMembership = hideMembership;
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
        if (!hideMembership && users.isTaken(request.username())) {
            return result(Status.USERNAME_TAKEN);
        }
        int bits = difficulty.next();
        String nonce = challenges.issue(senderTag, request.username(), request.publicKeyPem(), bits);
        return Outcome.reply(new Reply.Challenge(Topic.REGISTRATION, nonce, bits));
    }

    Outcome respond(Request.RegistrationResponse request, String senderTag) {
        Optional<Challenges.Pending> taken = challenges.take(senderTag);
        if (taken.isEmpty()) {
            return result(Status.NO_PENDING_REGISTRATION);
        }
        Challenges.Pending p = taken.get();
        if (!paid(p, request.work())) {
            return result(Status.RATE_LIMITED);
        }
        if (hideMembership && users.isTaken(p.username())) {
            return result(Status.USERNAME_TAKEN);
        }
        return switch (challenges.verify(p, request.signatureHex())) {
            case Challenges.Answer.NoPending n -> result(Status.NO_PENDING_REGISTRATION);
            case Challenges.Answer.BadSignature b ->
                result(failures.charge(b.username(), Status.REGISTRATION_SIGNATURE_FAILED));
            case Challenges.Answer.Verified v -> {
                if (!users.insertUser(new UserRecord(p.username(), p.publicKeyPem(), senderTag))) {
                    yield result(Status.DATABASE_FAILURE);
                }
                senders.moveRoute(p.username(), senderTag); // starts the new user's freshness; no mail yet
                yield result(Status.SUCCESS);
            }
        };
    }

    /** A solved puzzle costs nothing more; anything else takes a token of the node's budget. */
    private boolean paid(Challenges.Pending p, String work) {
        return p.workBits() > 0 && Hashcash.solves(p.nonce(), work, p.workBits())
                || limiter.tryAcquire(Limit.REGISTER_NODE, NODE);
    }

    private static Outcome result(Status status) {
        return Outcome.result(Topic.REGISTRATION, status);
    }
}
