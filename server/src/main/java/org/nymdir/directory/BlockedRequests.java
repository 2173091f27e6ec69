package org.nymdir.directory;

import java.util.ArrayList;
import java.util.List;
import org.nymdir.vocabulary.Status;

/**
 * The operator's blocks applied to requests and deliveries, in one place so that the use cases stay as they
 * are: a blocked user may not log in, send or ack, nobody may send to them, and mail for them is not handed
 * out (it stays in the mailbox as not handed off, for when the block is lifted).
 */
final class BlockedRequests {
    private final Blocklist blocked;
    private final Mailroom mailroom;

    BlockedRequests(Blocklist blocked, Mailroom mailroom) {
        this.blocked = blocked;
        this.mailroom = mailroom;
    }

    /**
     * The refusal for a request that names a blocked user, or null. Checked on the names a request claims,
     * before any signature is verified: the answer is the same for the owner and for anyone else.
     */
    Status refusal(Request request) {
        return switch (request) {
            case Request.Login r -> isBlocked(r.username()) ? Status.USER_BLOCKED : null;
            case Request.Send r -> {
                if (!(r.message() instanceof SendContent.Message m)) {
                    yield null;
                }
                if (isBlocked(m.sender())) {
                    yield Status.USER_BLOCKED;
                }
                yield isBlocked(m.recipient()) ? Status.RECIPIENT_BLOCKED : null;
            }
            case Request.Ack r -> r.ack() instanceof AckContent.Ids a && isBlocked(a.username())
                    ? Status.USER_BLOCKED : null;
            default -> null;
        };
    }

    /** Whether {@code username} (null: nobody) is blocked. */
    boolean isBlocked(String username) {
        return username != null && blocked.isBlocked(username);
    }

    /** {@code deliveries} without those to blocked users; theirs go back to the mailbox as not handed off. */
    List<Outcome.Delivery> withoutBlocked(List<Outcome.Delivery> deliveries) {
        List<Outcome.Delivery> out = new ArrayList<>(deliveries.size());
        for (Outcome.Delivery d : deliveries) {
            if (isBlocked(d.recipient())) {
                if (d.tracked()) {
                    mailroom.notHandedOff(d);
                }
            } else {
                out.add(d);
            }
        }
        return out;
    }
}
