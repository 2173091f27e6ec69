package org.nymdir.directory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;

/**
 * ack (nymdir extension): a recipient confirms messages it received, signed like a send. Confirmed messages
 * leave the mailbox; unconfirmed ones are handed out again on the user's next fresh tag.
 */
final class Acks {
    private final UserStore users;
    private final SignatureVerifier verifier;
    private final Mailroom mailroom;

    Acks(UserStore users, SignatureVerifier verifier, Mailroom mailroom) {
        this.users = users;
        this.verifier = verifier;
        this.mailroom = mailroom;
    }

    Outcome ack(Request.Ack request, String senderTag) {
        if (request.content() == null || request.signatureHex() == null) {
            return result(Status.MISSING_CONTENT_OR_SIGNATURE);
        }
        if (!(request.ack() instanceof AckContent.Ids ack)) {
            return result(request.ack() instanceof AckContent.NotJson
                    ? Status.INVALID_CONTENT_JSON : Status.MISSING_ACK_FIELDS);
        }
        Optional<UserRecord> user = Usernames.isValid(ack.username())
                ? users.findUser(ack.username()) : Optional.empty();
        if (user.isEmpty()) {
            return result(Status.UNRECOGNIZED_SENDER);
        }
        byte[] signed = request.content().getBytes(StandardCharsets.UTF_8);
        if (!verifier.verify(user.get().publicKeyPem(), signed, request.signatureHex())) {
            return result(Status.INVALID_SIGNATURE);
        }
        String name = user.get().username();
        boolean tagChanged = !senderTag.equals(user.get().senderTag());
        if (tagChanged) {
            users.updateSenderTag(name, senderTag);
        }
        List<Outcome.Delivery> deliveries = new ArrayList<>(mailroom.ack(name, senderTag, ack.ids()));
        deliveries.addAll(mailroom.seen(name, senderTag, tagChanged));
        return new Outcome(new Reply.Result(Topic.ACK, Status.SUCCESS), deliveries);
    }

    private static Outcome result(Status status) {
        return Outcome.result(Topic.ACK, status);
    }
}
