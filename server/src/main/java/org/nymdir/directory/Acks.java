package org.nymdir.directory;

import java.util.ArrayList;
import java.util.List;
import org.nymdir.vocabulary.Status;

/**
 * ack (nymdir extension): a recipient confirms messages it received, signed like a send. Confirmed messages
 * leave the mailbox; unconfirmed ones are handed out again on the user's next fresh tag.
 */
final class Acks {
    private final Senders senders;
    private final Mailroom mailroom;

    Acks(Senders senders, Mailroom mailroom) {
        this.senders = senders;
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
        return switch (senders.check(ack.username(), request.content(), request.signatureHex())) {
            case Senders.Check.Unknown u -> result(Status.UNRECOGNIZED_SENDER);
            case Senders.Check.BadSignature b -> result(Status.INVALID_SIGNATURE);
            case Senders.Check.Verified v -> {
                String name = v.user().username();
                List<Outcome.Delivery> deliveries = new ArrayList<>(senders.follow(v.user(), senderTag));
                deliveries.addAll(mailroom.ack(name, senderTag, ack.ids()));
                yield new Outcome(new Reply.Result(Topic.ACK, Status.SUCCESS), deliveries);
            }
        };
    }

    private static Outcome result(Status status) {
        return Outcome.result(Topic.ACK, status);
    }
}
