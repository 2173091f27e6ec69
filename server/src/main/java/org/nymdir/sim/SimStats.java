package org.nymdir.sim;

/**
 * A snapshot of the local mixnet's counters, as served on {@code GET /stats}.
 *
 * @param connections WebSocket connections accepted, ever
 * @param connectionsRefused connections refused (one-connection rule, or the service refusing on purpose)
 * @param activeConnections connections open now
 * @param messagesRouted {@code send} and {@code sendAnonymous} requests accepted
 * @param repliesRouted {@code reply} requests accepted (whether or not they could be delivered)
 * @param delivered {@code received} frames pushed to a connected client (including flushes from hold)
 * @param surbsAttached reply SURBs attached by senders
 * @param surbsConsumed SURBs spent on reply fragments and on requests for more
 * @param surbsToppedUp SURBs that came back in answer to a top-up request
 * @param surbRequests top-up requests sent by a replier (each costs one SURB and a round trip)
 * @param repliesDroppedNoSurbs replies that gave up waiting for SURBs (or, in simple mode, found too few)
 * @param repliesDroppedUnknownTag replies to a tag the replier holds no SURBs for; they vanish silently
 * @param held messages held because their recipient was offline
 * @param deliveredFromHold held messages delivered when the recipient connected
 * @param droppedHoldFull messages dropped because the recipient's hold was full
 * @param droppedUnknownRecipient messages to an address no virtual client has (or an ephemeral one that left)
 * @param droppedLoss messages lost by the loss knob
 * @param errors {@code error} responses sent for bad requests
 */
public record SimStats(long connections, long connectionsRefused, long activeConnections, long messagesRouted,
        long repliesRouted, long delivered, long surbsAttached, long surbsConsumed, long surbsToppedUp,
        long surbRequests, long repliesDroppedNoSurbs, long repliesDroppedUnknownTag, long held,
        long deliveredFromHold, long droppedHoldFull, long droppedUnknownRecipient, long droppedLoss, long errors) {

    /** All messages dropped for any reason (hold full, unknown recipient, loss). */
    public long dropped() {
        return droppedHoldFull + droppedUnknownRecipient + droppedLoss;
    }

    /** The one-line summary printed at exit. */
    public String summary() {
        return "sim: " + connections + " connections (" + connectionsRefused + " refused), " + messagesRouted
                + " messages, " + repliesRouted + " replies, " + delivered + " delivered; SURBs " + surbsAttached
                + " attached, " + surbsConsumed + " consumed, " + surbsToppedUp + " topped up (" + surbRequests
                + " requests); replies dropped: " + repliesDroppedNoSurbs + " no SURBs, " + repliesDroppedUnknownTag
                + " unknown tag; " + held + " held, " + deliveredFromHold + " delivered from hold; dropped: "
                + droppedHoldFull + " hold full, " + droppedUnknownRecipient + " unknown recipient, " + droppedLoss
                + " lost; " + errors + " errors";
    }
}
