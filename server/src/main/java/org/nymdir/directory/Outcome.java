package org.nymdir.directory;

import java.util.List;
import org.nymdir.vocabulary.Status;

/**
 * The result of one request: the reply to its sender, and the messages to hand to other users' sender
 * tags. Returned as one value so that the directory never touches the mixnet link.
 */
public record Outcome(Reply reply, List<Delivery> deliveries) {

    public Outcome {
        deliveries = List.copyOf(deliveries);
    }

    public static Outcome reply(Reply reply) {
        return new Outcome(reply, List.of());
    }

    public static Outcome result(Topic topic, Status status) {
        return reply(new Reply.Result(topic, status));
    }

    /**
     * A reply for {@code senderTag}, the tag under which the recipient is reachable. Deliveries of mailbox
     * messages carry their {@code recipient} and {@code messageId}: whoever hands them to the mixnet reports
     * back through {@link Directory#handedOff} or {@link Directory#notHandedOff}, so the mailbox knows.
     */
    public record Delivery(String senderTag, Reply reply, String recipient, String messageId) {
        public static Delivery untracked(String senderTag, Reply reply) {
            return new Delivery(senderTag, reply, null, null);
        }

        public boolean tracked() {
            return messageId != null;
        }
    }

    /** The status for logs: what the sender was told. */
    public String statusForLog() {
        return switch (reply) {
            case Reply.Result r -> r.status().name();
            case Reply.Challenge c -> "CHALLENGE";
            case Reply.UserFound u -> "FOUND";
            case Reply.Incoming i -> "INCOMING";
        };
    }
}
