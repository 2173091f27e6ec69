package org.nymdir.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.RateLimiter;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.Status;
import org.nymdir.vocabulary.Unicode;
import org.nymdir.vocabulary.Usernames;

/**
 * send: check that the named sender signed the content, commit the message to the recipient's mailbox, and
 * hand it to the recipient's sender tag when that tag is fresh. The checks run in the protocol's order, so
 * each failure gets the answer the original gave, and all of them run before anything changes.
 */
final class Relay {
    private final UserStore users;
    private final Senders senders;
    private final Mailroom mailroom;
    private final RateLimiter limiter;
    private final SignatureVerifier verifier;
    private final boolean hideMembership;

    /** @param hideMembership a send to an unknown name is answered {@code success} and dropped */
    Relay(UserStore users, Senders senders, Mailroom mailroom, RateLimiter limiter, SignatureVerifier verifier,
          boolean hideMembership) {
        this.users = users;
        this.hideMembership = hideMembership;
        this.verifier = verifier;
        this.senders = senders;
        this.mailroom = mailroom;
        this.limiter = limiter;
    }

    Outcome send(Request.Send request, String senderTag) {
        if (request.content() == null || request.signatureHex() == null) {
            return result(Status.MISSING_CONTENT_OR_SIGNATURE);
        }
        // A lone surrogate (from a \ud800 escape in the request) has no UTF-8: the signed bytes are not this
        // text, and no store keeps it. Such content is not JSON text.
        if (!Unicode.isWellFormed(request.content())) {
            return result(Status.INVALID_CONTENT_JSON);
        }
        if (!(request.message() instanceof SendContent.Message message)) {
            return result(switch (request.message()) {
                case SendContent.NotJson n -> Status.INVALID_CONTENT_JSON;
                case SendContent.BeyondBounds b -> Status.JSON_BEYOND_BOUNDS;
                default -> Status.MISSING_SENDER_OR_RECIPIENT;
            });
        }
        Senders.Check check = senders.check(message.sender(), request.content(), request.signatureHex());
        if (!(check instanceof Senders.Check.Verified verified)) {
            return result(check instanceof Senders.Check.Unknown
                    ? Status.UNRECOGNIZED_SENDER : Status.INVALID_SIGNATURE);
        }
        UserRecord sender = verified.user();
        String name = sender.username();
        // Per user only now that the name is proven: nobody can spend someone else's budget.
        if (!limiter.tryAcquire(Limit.SEND, "u:" + name)) {
            return result(Status.RATE_LIMITED);
        }
        Optional<UserRecord> recipient = Usernames.isValid(message.recipient())
                ? users.findUser(message.recipient()) : Optional.empty();
        if (recipient.isEmpty()) {
            // hiding membership, a send to nobody looks like one to somebody (and goes nowhere); not in time:
            // it skips the mailbox's durable write (README, Membership hiding)
            return result(hideMembership ? Status.SUCCESS : Status.RECIPIENT_NOT_FOUND);
        }
        // The refusals that remain (duplicate, mailbox full) are the store's verdict on this very write: nothing
        // else has happened yet. Only an accepted send counts as a sign of life of its sender, and never moves
        // anyone's route (see Senders).
        Mailroom.Accepted accepted = mailroom.accept(name, recipient.get(), recipient.get().senderTag(),
                vouched(sender, message), replayKey(name, request.content()));
        Status status = switch (accepted.result()) {
            case STORED -> Status.SUCCESS;
            case DUPLICATE -> Status.DUPLICATE_MESSAGE;
            case FULL -> Status.MAILBOX_FULL;
            case SENDER_FULL -> Status.SENDER_QUOTA_FULL;
            case STORAGE_FULL -> Status.STORAGE_FULL;
        };
        if (status != Status.SUCCESS) {
            return result(status);
        }
        List<Outcome.Delivery> deliveries = new ArrayList<>();
        accepted.delivery().ifPresent(deliveries::add);
        deliveries.addAll(senders.seen(sender, senderTag));
        return new Outcome(new Reply.Result(Topic.SEND, status), deliveries);
    }

    /**
     * The message as relayed: a {@code senderPublicKey} goes out only when it is the sender's registered key.
     * Recipients take it as the directory's word (it is inside the directory's signature), so any other key
     * is dropped rather than vouched for.
     */
    private SendContent.Message vouched(UserRecord sender, SendContent.Message message) {
        if (message.rawSenderPublicKey() == null) {
            return message;
        }
        return message.senderPublicKey() != null && verifier.sameKey(sender.publicKeyPem(), message.senderPublicKey())
                ? message : message.withoutSenderPublicKey();
    }

    /**
     * What makes a send a replay: the same sender signing the same content. Keyed on the content rather than
     * the signature bytes because ECDSA signatures are malleable ((r, s) and (r, n - s) both verify), so a
     * replayer could otherwise re-sign nothing and still pass. Honest clients never repeat content: every
     * encrypted body has a fresh ephemeral key and IV.
     */
    static byte[] replayKey(String sender, String content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(sender.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Outcome result(Status status) {
        return Outcome.result(Topic.SEND, status);
    }
}
