package org.nymdir.sim;

import static org.nymdir.sim.Counters.Name.ERRORS;
import static org.nymdir.sim.Counters.Name.MESSAGES_ROUTED;
import static org.nymdir.sim.Counters.Name.REPLIES_ROUTED;
import static org.nymdir.sim.Counters.Name.SURBS_ATTACHED;

import java.security.SecureRandom;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.mixnet.wire.WireException;

/**
 * What a virtual nym-client does with each request (reference A.5): route messages, reply through SURBs, answer
 * {@code selfAddress} and lane queries, and nothing else: no acks, no delivery reports. Loop thread only.
 */
final class Router {
    private final AddressBook book;
    private final Courier courier;
    private final SurbLedger ledger;
    private final Counters counters;
    private final SecureRandom random;

    Router(AddressBook book, Courier courier, SurbLedger ledger, Counters counters, SecureRandom random) {
        this.book = book;
        this.courier = courier;
        this.ledger = ledger;
        this.counters = counters;
        this.random = random;
    }

    void opened(Session s) {
        s.client.session = s;
        s.client.run = s.run;
        courier.flushHold(s.client); // straight away, in the initial framing: may race the first response
    }

    /** Called once per claimed connection, opened or not; a newer connection may already be attached. */
    void closed(Session s) {
        if (s.client.kind != VirtualClient.Kind.SERVICE) {
            s.run.end(); // a clients-port run is its connection; the service client keeps running without one
        }
        if (s.client.session == s) {
            s.client.session = null;
        }
        if (s.client.kind == VirtualClient.Kind.EPHEMERAL) {
            book.forget(s.client);
            courier.discardHold(s.client);
        }
    }

    /** A frame that decoded; {@code text} is its frame type, which also sets how later pushes are framed. */
    void request(Session s, boolean text, ClientRequest request) {
        s.textMode = text;
        switch (request) {
            case ClientRequest.Send send -> {
                counters.inc(MESSAGES_ROUTED);
                laneReply(s, text, send.connectionId());
                courier.message(send.recipient(), new ServerResponse.Received(send.message(), null), null);
            }
            case ClientRequest.SendAnonymous anon -> {
                counters.inc(MESSAGES_ROUTED);
                long surbs = Integer.toUnsignedLong(anon.replySurbs());
                counters.add(SURBS_ATTACHED, surbs);
                SenderTag tag = s.run.tagFor(anon.recipient(), random);
                laneReply(s, text, anon.connectionId());
                courier.message(anon.recipient(), new ServerResponse.Received(anon.message(), tag),
                        new Courier.SurbGrant(tag, surbs, s.client.address, s.run, false));
            }
            case ClientRequest.Reply reply -> {
                counters.inc(REPLIES_ROUTED);
                ledger.reply(s.client.address, reply.senderTag(), reply.message(), reply.connectionId());
                laneReply(s, text, reply.connectionId()); // after queuing: counts the reply's own waiting fragments
            }
            case ClientRequest.SelfAddress ignored ->
                    s.respond(new ServerResponse.SelfAddressResponse(s.client.address), text);
            case ClientRequest.ClosedConnection ignored -> {
                // nym-client closes the lane's out-queue; ours is always empty, and no response is sent
            }
            case ClientRequest.GetLaneQueueLength q -> s.respond(new ServerResponse.LaneQueueLength(
                    q.connectionId(), ledger.laneLength(s.client.address, q.connectionId())), text);
        }
    }

    /** A frame that did not decode: nym-client's error, in the frame's type; the connection stays up. */
    void rejected(Session s, boolean text, WireException e) {
        s.textMode = text;
        counters.inc(ERRORS);
        s.respond(e.toResponse(), text);
    }

    /** With a connection id, nym-client answers once with that lane's queue length; without, nothing. */
    private void laneReply(Session s, boolean text, Long connectionId) {
        if (connectionId != null) {
            s.respond(new ServerResponse.LaneQueueLength(connectionId,
                    ledger.laneLength(s.client.address, connectionId)), text);
        }
    }
}
