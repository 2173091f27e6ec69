package org.nymdir.sim;

import static org.nymdir.sim.Counters.Name.REPLIES_DROPPED_NO_SURBS;
import static org.nymdir.sim.Counters.Name.REPLIES_DROPPED_UNKNOWN_TAG;
import static org.nymdir.sim.Counters.Name.SURBS_CONSUMED;
import static org.nymdir.sim.Counters.Name.SURBS_TOPPED_UP;
import static org.nymdir.sim.Counters.Name.SURB_REQUESTS;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reply SURB accounting as nym-client does it (reference C.3, {@code ReceiverReplyController}), or in "simple"
 * mode: no reserve, no top-ups, a reply either finds enough SURBs or is dropped.
 *
 * <p>Realistic mode: a reply needs one SURB per ~1.6 KB fragment; it may spend only what is above a reserve of
 * 10; the rest waits, and the replier asks the original sender for 10-50 more, spending one reserved SURB and a
 * round trip. Only the sender's live run answers. A watchdog asks again after {@code rerequestAfter} and gives
 * up (dropping the waiting replies) after more than {@code maxRerequests} tries or {@code dropAfter} without
 * SURBs. The websocket user learns nothing of any of this. Loop thread only.
 */
final class SurbLedger {
    static final int RESERVE = 10;
    static final int MAX_STORAGE = 200;
    static final int MIN_REQUEST = 10;
    static final int MAX_REQUEST = 50;
    /** Roughly the user data one Sphinx packet carries (reference E.1). */
    static final int FRAGMENT_BYTES = 1600;
    /** Tags kept per receiver; the one that got SURBs least recently goes first. */
    static final int MAX_TAGS_PER_RECEIVER = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(SurbLedger.class);

    /** How the ledger reaches the network: the simulator's courier. */
    interface Network {
        /** A reply whose fragments all went out, on its way to the original sender. */
        void deliverReply(SurbStock stock, byte[] message);

        /** A request for {@code amount} more SURBs, sent through one SURB to the original sender. */
        void requestSurbs(SurbStock stock, int amount);
    }

    private final boolean simple;
    private final SurbTimings timings;
    private final Counters counters;
    private final LongSupplier nanos;
    private final Network network;
    private final Map<NymAddress, LinkedHashMap<SenderTag, SurbStock>> stocks = new HashMap<>();

    SurbLedger(boolean simple, SurbTimings timings, Counters counters, LongSupplier nanos, Network network) {
        this.simple = simple;
        this.timings = timings;
        this.counters = counters;
        this.nanos = nanos;
        this.network = network;
    }

    static long fragments(int messageBytes) {
        return Math.max(1, (messageBytes + FRAGMENT_BYTES - 1) / FRAGMENT_BYTES);
    }

    /** SURBs arriving at {@code receiver}: attached to a repliable message ({@code fromRequest} false) or a top-up. */
    void received(NymAddress receiver, SenderTag tag, long count, NymAddress sender, ClientRun senderRun,
            boolean fromRequest) {
        LinkedHashMap<SenderTag, SurbStock> byTag = stocks.computeIfAbsent(receiver, r -> new LinkedHashMap<>());
        SurbStock stock = byTag.remove(tag); // re-inserted last: the eviction order is "least recently fed"
        if (stock == null) {
            stock = new SurbStock(receiver, tag);
        }
        byTag.put(tag, stock);
        evictBeyondLimit(byTag);
        stock.sender = sender;
        stock.senderRun = senderRun;
        if (fromRequest) {
            stock.pending = Math.max(0, stock.pending - count);
            counters.add(SURBS_TOPPED_UP, count);
        }
        stock.available = saturatingAdd(stock.available, count);
        stock.lastReceivedNanos = nanos.getAsLong();
        stock.rerequests = 0;
        if (!simple) {
            clearQueue(stock);
            if (shouldRequestMore(stock)) {
                requestMore(stock);
            }
        }
    }

    /** A {@code reply} request from {@code receiver} (who received the tag). */
    void reply(NymAddress receiver, SenderTag tag, byte[] message, Long lane) {
        LinkedHashMap<SenderTag, SurbStock> byTag = stocks.get(receiver);
        SurbStock stock = byTag == null ? null : byTag.get(tag);
        if (stock == null) {
            counters.inc(REPLIES_DROPPED_UNKNOWN_TAG);
            LOG.debug("reply for unknown tag {} dropped", tag.shortId());
            return;
        }
        long needed = fragments(message.length);
        if (simple) {
            if (stock.available >= needed) {
                spend(stock, needed);
                network.deliverReply(stock, message);
            } else {
                counters.inc(REPLIES_DROPPED_NO_SURBS);
            }
            return;
        }
        long now = stock.available > RESERVE ? Math.min(needed, stock.available - RESERVE) : 0;
        spend(stock, now);
        if (now == needed) {
            network.deliverReply(stock, message);
        } else {
            stock.queue.add(new SurbStock.PendingReply(message, lane, needed - now));
        }
        if (shouldRequestMore(stock)) {
            requestMore(stock);
        }
    }

    /** Fragments waiting for SURBs on a lane, for {@code laneQueueLength}. */
    long laneLength(NymAddress receiver, long lane) {
        LinkedHashMap<SenderTag, SurbStock> byTag = stocks.get(receiver);
        long n = 0;
        if (byTag != null) {
            for (SurbStock s : byTag.values()) {
                n += s.queuedOnLane(lane);
            }
        }
        return n;
    }

    /** SURBs on hand under a tag, or -1 if the receiver has no entry for it (for tests and diagnostics). */
    long available(NymAddress receiver, SenderTag tag) {
        LinkedHashMap<SenderTag, SurbStock> byTag = stocks.get(receiver);
        SurbStock s = byTag == null ? null : byTag.get(tag);
        return s == null ? -1 : s.available;
    }

    /** The stale-queue watchdog ({@code inspect_stale_pending_data}), plus removal of abandoned empty tags. */
    void inspect() {
        long now = nanos.getAsLong();
        for (LinkedHashMap<SenderTag, SurbStock> byTag : stocks.values()) {
            Iterator<SurbStock> it = byTag.values().iterator();
            while (it.hasNext()) {
                SurbStock s = it.next();
                long idle = now - s.lastReceivedNanos;
                if (s.queue.isEmpty()) {
                    if (s.available == 0 && s.pending == 0 && idle > timings.dropAfter().toNanos()) {
                        it.remove();
                    }
                } else if (s.rerequests > timings.maxRerequests() || idle > timings.dropAfter().toNanos()) {
                    dropQueue(s);
                } else if (idle > timings.rerequestAfter().toNanos()) {
                    s.rerequests++;
                    requestMore(s);
                    s.pending = 0; // as nym-client: forget what we were waiting for, so a late batch is a bonus
                }
            }
        }
        stocks.values().removeIf(Map::isEmpty);
    }

    private boolean shouldRequestMore(SurbStock s) {
        long total = s.available + s.pending;
        return total < MAX_STORAGE && total < s.queuedFragments() + RESERVE;
    }

    private void requestMore(SurbStock s) {
        if (s.available == 0) {
            LOG.debug("no SURB left to ask {} for more", s.tag.shortId());
            return; // nym-client: NotEnoughSurbs { available: 0, required: 1 }, logged only
        }
        int amount = (int) Math.min(MAX_REQUEST, Math.max(s.queuedFragments(), MIN_REQUEST));
        spend(s, 1); // the request itself travels in one reserved SURB
        counters.inc(SURB_REQUESTS);
        s.pending += amount;
        network.requestSurbs(s, amount);
    }

    private void clearQueue(SurbStock s) {
        while (!s.queue.isEmpty() && s.available > RESERVE) {
            SurbStock.PendingReply head = s.queue.peek();
            long n = Math.min(head.remaining, s.available - RESERVE);
            spend(s, n);
            head.remaining -= n;
            if (head.remaining == 0) {
                s.queue.poll();
                network.deliverReply(s, head.message);
            }
        }
    }

    private void spend(SurbStock s, long n) {
        s.available -= n;
        counters.add(SURBS_CONSUMED, n);
    }

    private void dropQueue(SurbStock s) {
        counters.add(REPLIES_DROPPED_NO_SURBS, s.queue.size());
        LOG.debug("gave up on {} replies for tag {}", s.queue.size(), s.tag.shortId());
        s.queue.clear();
        s.rerequests = 0;
    }

    private void evictBeyondLimit(LinkedHashMap<SenderTag, SurbStock> byTag) {
        while (byTag.size() > MAX_TAGS_PER_RECEIVER) {
            Iterator<SurbStock> eldest = byTag.values().iterator();
            dropQueue(eldest.next());
            eldest.remove();
        }
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
