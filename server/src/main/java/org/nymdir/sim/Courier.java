package org.nymdir.sim;

import static org.nymdir.sim.Counters.Name.DELIVERED;
import static org.nymdir.sim.Counters.Name.DELIVERED_FROM_HOLD;
import static org.nymdir.sim.Counters.Name.DROPPED_HOLD_FULL;
import static org.nymdir.sim.Counters.Name.DROPPED_LOSS;
import static org.nymdir.sim.Counters.Name.DROPPED_UNKNOWN_RECIPIENT;
import static org.nymdir.sim.Counters.Name.HELD;

import java.util.function.Supplier;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ServerResponse;

/**
 * Carries messages across the simulated mixnet: applies the loss and delay knobs, then hands each message to its
 * recipient's connection, or holds it while the recipient is offline (as its gateway would). Loop thread only.
 */
final class Courier {
    /** Reply SURBs travelling with a message, stored by the recipient when the message arrives. */
    record SurbGrant(SenderTag tag, long count, NymAddress sender, ClientRun senderRun, boolean fromRequest) {
    }

    /** Where arriving SURBs go (the ledger); separate so the ledger and the courier can refer to each other. */
    interface SurbSink {
        void received(NymAddress receiver, SurbGrant grant);
    }

    private final SimLoop loop;
    private final AddressBook book;
    private final Counters counters;
    private final FaultModel model;
    private final Supplier<Faults> faults;
    private final int holdLimit;
    private final long holdBytesLimit;
    private SurbSink sink;
    private long heldBytes;

    Courier(SimLoop loop, AddressBook book, Counters counters, FaultModel model, Supplier<Faults> faults,
            int holdLimit, long holdBytesLimit) {
        this.loop = loop;
        this.book = book;
        this.counters = counters;
        this.model = model;
        this.faults = faults;
        this.holdLimit = holdLimit;
        this.holdBytesLimit = holdBytesLimit;
    }

    void sink(SurbSink sink) {
        this.sink = sink;
    }

    /** User traffic (send, sendAnonymous, reply): may be lost, is delayed independently of every other message. */
    void message(NymAddress to, ServerResponse.Received message, SurbGrant grant) {
        FaultModel.Fate fate = model.next(faults.get());
        if (fate.lost()) {
            counters.inc(DROPPED_LOSS);
            return;
        }
        after(fate.delayNanos(), () -> arrive(to, message, grant));
    }

    /** Control traffic (SURB requests and top-ups): delayed like any packet, never lost, never shown to users. */
    void control(Runnable atArrival) {
        after(model.next(faults.get()).delayNanos(), atArrival);
    }

    /** Pushes everything held for a client that just connected, before anything else reaches it. */
    void flushHold(VirtualClient client) {
        ServerResponse.Received held;
        while ((held = client.hold.poll()) != null) {
            heldBytes -= held.message().length;
            client.heldBytes -= held.message().length;
            client.session.push(held);
            counters.inc(DELIVERED);
            counters.inc(DELIVERED_FROM_HOLD);
        }
    }

    /** Forgets what is held for a client that can never connect again. */
    void discardHold(VirtualClient client) {
        heldBytes -= client.heldBytes;
        client.heldBytes = 0;
        client.hold.clear();
    }

    private void after(long delayNanos, Runnable task) {
        if (delayNanos <= 0) {
            task.run(); // keeps zero-latency traffic in order
        } else {
            loop.schedule(task, delayNanos);
        }
    }

    private void arrive(NymAddress to, ServerResponse.Received message, SurbGrant grant) {
        VirtualClient target = book.find(to);
        if (target == null) {
            if (message != null) {
                counters.inc(DROPPED_UNKNOWN_RECIPIENT); // like a gateway that does not exist: silently gone
            }
            return;
        }
        if (grant != null) {
            // stored before the message is pushed, so a reply right after "received" finds them (reference C.2)
            sink.received(to, grant);
        }
        if (message == null) {
            return; // a top-up: control traffic, never shown
        }
        if (target.session != null) {
            target.session.push(message);
            counters.inc(DELIVERED);
            return;
        }
        int size = message.message().length;
        if (target.hold.size() >= holdLimit || heldBytes + size > holdBytesLimit) {
            counters.inc(DROPPED_HOLD_FULL);
            return;
        }
        target.hold.add(message);
        target.heldBytes += size;
        heldBytes += size;
        counters.inc(HELD);
    }

    /** Top-up SURBs reaching {@code receiver}: no message, just the grant. */
    void surbsArrive(NymAddress receiver, SurbGrant grant) {
        arrive(receiver, null, grant);
    }
}
