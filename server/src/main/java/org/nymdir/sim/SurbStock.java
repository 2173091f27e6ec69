package org.nymdir.sim;

import java.util.ArrayDeque;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;

/**
 * What one receiver holds under one sender tag (reference C.2): reply SURBs on hand, SURBs asked for and not yet
 * arrived, when SURBs last arrived, and the replies waiting for SURBs. Loop thread only.
 */
final class SurbStock {
    final NymAddress receiver;
    final SenderTag tag;
    /** Where replies go, and which run answers requests for more (the run that created the tag). */
    NymAddress sender;
    ClientRun senderRun;

    long available;
    long pending;
    long lastReceivedNanos;
    int rerequests;
    final ArrayDeque<PendingReply> queue = new ArrayDeque<>();

    SurbStock(NymAddress receiver, SenderTag tag) {
        this.receiver = receiver;
        this.tag = tag;
    }

    /** A reply still missing {@code remaining} fragments' worth of SURBs; it arrives once all have gone out. */
    static final class PendingReply {
        final byte[] message;
        final Long lane;
        long remaining;

        PendingReply(byte[] message, Long lane, long remaining) {
            this.message = message;
            this.lane = lane;
            this.remaining = remaining;
        }
    }

    long queuedFragments() {
        long n = 0;
        for (PendingReply p : queue) {
            n += p.remaining;
        }
        return n;
    }

    long queuedOnLane(long lane) {
        long n = 0;
        for (PendingReply p : queue) {
            if (p.lane != null && p.lane == lane) {
                n += p.remaining;
            }
        }
        return n;
    }
}
