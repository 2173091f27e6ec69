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
            return result(switch (request.ack()) {
                case AckContent.NotJson n -> Status.INVALID_CONTENT_JSON;
                case AckContent.BeyondBounds b -> Status.JSON_BEYOND_BOUNDS;
                default -> Status.MISSING_ACK_FIELDS;
            });
        }
        return switch (senders.check(ack.username(), request.content(), request.signatureHex())) {
            case Senders.Check.Unknown u -> result(Status.UNRECOGNIZED_SENDER);
            case Senders.Check.BadSignature b -> result(Status.INVALID_SIGNATURE);
            case Senders.Check.Verified v -> {
                // Acks remove only the signer's own messages; the tag decides nothing but where the next batch
                // goes, and only the route gets one (a replayed ack from another tag hands out nothing).
                List<Outcome.Delivery> deliveries = new ArrayList<>(mailroom.ack(v.user(), senderTag, ack.ids()));
                deliveries.addAll(senders.seen(v.user(), senderTag));
                yield new Outcome(new Reply.Result(Topic.ACK, Status.SUCCESS), deliveries);
            }
        };
    }

    private static Outcome result(Status status) {
        return Outcome.result(Topic.ACK, status);
    }
}
