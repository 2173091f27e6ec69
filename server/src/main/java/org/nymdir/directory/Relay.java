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
 * each failure gets the answer the original gave.
 */
final class Relay {
    private final UserStore users;
    private final Senders senders;
    private final Mailroom mailroom;
    private final RateLimiter limiter;

    Relay(UserStore users, Senders senders, Mailroom mailroom, RateLimiter limiter) {
        this.users = users;
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
            return result(request.message() instanceof SendContent.NotJson
                    ? Status.INVALID_CONTENT_JSON : Status.MISSING_SENDER_OR_RECIPIENT);
        }
        Senders.Check check = senders.check(message.sender(), request.content(), request.signatureHex());
        if (!(check instanceof Senders.Check.Verified verified)) {
            return result(check instanceof Senders.Check.Unknown ? Status.UNRECOGNIZED_SENDER : Status.INVALID_SIGNATURE);
        }
        String name = verified.user().username();
        // Per user only now that the name is proven: nobody can spend someone else's budget.
        if (!limiter.tryAcquire(Limit.SEND, "u:" + name)) {
            return result(Status.RATE_LIMITED);
        }
        List<Outcome.Delivery> deliveries = new ArrayList<>(senders.follow(verified.user(), senderTag));
        Optional<UserRecord> recipient = Usernames.isValid(message.recipient())
                ? users.findUser(message.recipient()) : Optional.empty();
        if (recipient.isEmpty()) {
            return new Outcome(new Reply.Result(Topic.SEND, Status.RECIPIENT_NOT_FOUND), deliveries);
        }
        // The recipient may be the sender itself, whose tag was just updated above.
        String recipientTag = recipient.get().username().equals(name) ? senderTag : recipient.get().senderTag();
        Mailroom.Accepted accepted = mailroom.accept(name, recipient.get(), recipientTag, message,
                replayKey(name, request.content()));
        accepted.delivery().ifPresent(deliveries::add);
        Status status = switch (accepted.result()) {
            case STORED -> Status.SUCCESS;
            case DUPLICATE -> Status.DUPLICATE_MESSAGE;
            case FULL -> Status.MAILBOX_FULL;
            case SENDER_FULL -> Status.SENDER_QUOTA_FULL;
            case STORAGE_FULL -> Status.STORAGE_FULL;
        };
        return new Outcome(new Reply.Result(Topic.SEND, status), deliveries);
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
