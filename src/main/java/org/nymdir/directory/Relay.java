package org.nymdir.directory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;

/**
 * send: check that the named sender signed the content, then forward it to the recipient's sender tag.
 * The checks run in the protocol's order, so each failure gets the answer the original gave.
 */
final class Relay {
    private final UserStore users;
    private final SignatureVerifier verifier;

    Relay(UserStore users, SignatureVerifier verifier) {
        this.users = users;
        this.verifier = verifier;
    }

    Outcome send(Request.Send request, String senderTag) {
        if (request.content() == null || request.signatureHex() == null) {
            return result(Status.MISSING_CONTENT_OR_SIGNATURE);
        }
        SendContent.Message message = switch (request.message()) {
            case SendContent.NotJson n -> null;
            case SendContent.MissingParties m -> null;
            case SendContent.Message m -> m;
        };
        if (message == null) {
            return result(request.message() instanceof SendContent.NotJson
                    ? Status.INVALID_CONTENT_JSON : Status.MISSING_SENDER_OR_RECIPIENT);
        }
        Optional<UserRecord> sender = Usernames.isValid(message.sender())
                ? users.findUser(message.sender()) : Optional.empty();
        if (sender.isEmpty()) {
            return result(Status.UNRECOGNIZED_SENDER);
        }
        byte[] signed = request.content().getBytes(StandardCharsets.UTF_8);
        if (!verifier.verify(sender.get().publicKeyPem(), signed, request.signatureHex())) {
            return result(Status.INVALID_SIGNATURE);
        }
        // A verified request proves the sender holds the key: follow them to the tag they use now.
        if (!senderTag.equals(sender.get().senderTag())) {
            users.updateSenderTag(sender.get().username(), senderTag);
        }
        Optional<UserRecord> recipient = Usernames.isValid(message.recipient())
                ? users.findUser(message.recipient()) : Optional.empty();
        if (recipient.isEmpty()) {
            return result(Status.RECIPIENT_NOT_FOUND);
        }
        // The recipient may be the sender itself, whose tag was just updated above.
        String recipientTag = recipient.get().username().equals(sender.get().username())
                ? senderTag : recipient.get().senderTag();
        Reply forward = new Reply.Incoming(sender.get().username(), message.rawBody(), message.rawSenderPublicKey());
        return new Outcome(new Reply.Result(Topic.SEND, Status.SUCCESS),
                List.of(new Outcome.Delivery(recipientTag, forward)));
    }

    private static Outcome result(Status status) {
        return Outcome.result(Topic.SEND, status);
    }
}
