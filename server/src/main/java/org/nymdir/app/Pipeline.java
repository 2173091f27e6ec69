package org.nymdir.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.nymdir.app.metrics.DirectoryMeters;
import org.nymdir.app.metrics.RequestMetrics;
import org.nymdir.dialect.DecodeResult;
import org.nymdir.dialect.Dialect;
import org.nymdir.directory.Directory;
import org.nymdir.directory.Outcome;
import org.nymdir.directory.Reply;
import org.nymdir.mixnet.Inbound;
import org.nymdir.mixnet.MixnetLink;
import org.nymdir.mixnet.addressing.SenderTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path, in one place: inbound message, then dialect decode, directory decision, dialect encode,
 * and the replies handed to the link. Requests of one sender tag run in arrival order; different tags run in
 * parallel. Nothing that arrives can end this path: every failure is logged (never with content) and the
 * next message is handled as usual.
 */
final class Pipeline implements Consumer<Inbound> {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    /** Heap a queued request holds besides its bytes: the inbound record, the task, the lane's slot. */
    private static final int QUEUED_REQUEST_BYTES = 256;

    private final Dialect dialect;
    private final Directory directory;
    private final MixnetLink link;
    private final SerialLanes lanes;
    private final RequestMetrics metrics;
    private final DirectoryMeters meters;
    private final ExecutorService reports = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean accepting = true;

    Pipeline(Dialect dialect, Directory directory, MixnetLink link, SerialLanes lanes, RequestMetrics metrics,
             DirectoryMeters meters) {
        this.meters = meters;
        this.dialect = dialect;
        this.directory = directory;
        this.link = link;
        this.lanes = lanes;
        this.metrics = metrics;
    }

    @Override
    public void accept(Inbound inbound) {
        if (inbound.senderTag() == null) {
            log.warn("dropped a message without sender tag ({} bytes): it cannot be answered",
                    inbound.message().length);
            return;
        }
        if (!accepting) {
            log.warn("dropped a request during shutdown");
            return;
        }
        // Monotonic, not the directory's clock: it measures latency (including the wait behind the sender's
        // earlier requests) and decides nothing.
        long received = System.nanoTime();
        SenderTag tag = inbound.senderTag();
        // Weighed twice its size: while it runs, its text is decoded beside the bytes.
        long bytes = QUEUED_REQUEST_BYTES + 2L * inbound.message().length;
        if (!lanes.submit(tag, directory.isProvenTag(tag.base58()), bytes, () -> handle(inbound, received))) {
            // This tag's lane, or the strangers' (or members') queue, is full: a flood. No answer, or the flood
            // would get one each.
            long n = refused.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1, 2, 4, 8...: a flood must not flood the log too
                log.warn("dropped a request: its sender's request lane, or its ring's queue, is full ({} so far)", n);
            }
        }
    }

    /** Stops taking new requests (shutdown); those already queued still run. */
    void stopAccepting() {
        accepting = false;
    }

    private void handle(Inbound inbound, long received) {
        SenderTag tag = inbound.senderTag();
        // Invalid UTF-8 becomes U+FFFD, as in a nym-client's own text mode.
        String text = new String(inbound.message(), StandardCharsets.UTF_8);
        switch (dialect.decode(text)) {
            case DecodeResult.Dropped d -> log.warn("dropped a request: {}", d.reasonForLog());
            case DecodeResult.Rejected r -> {
                send(tag, r.reply());
                long nanos = System.nanoTime() - received;
                metrics.record(RequestMetrics.Kind.OTHER, nanos);
                meters.request(RequestMetrics.Kind.OTHER.name(), Outcome.reply(r.reply()).statusForLog(), nanos);
                log.warn("rejected a request: {}", r.reasonForLog());
            }
            case DecodeResult.Decoded d -> {
                Outcome outcome = directory.handle(d.request(), tag.base58());
                // Deliveries to others only after the sender's reply: written before it, they would make the reply
                // late exactly when the recipient is online. The sender's own backlog (after a login) goes first,
                // so that once a client sees "success" it has its waiting mail too.
                String own = tag.base58();
                outcome.deliveries().stream().filter(x -> x.senderTag().equals(own)).forEach(this::deliver);
                send(tag, outcome.reply());
                outcome.deliveries().stream().filter(x -> !x.senderTag().equals(own)).forEach(this::deliver);
                long nanos = System.nanoTime() - received;
                RequestMetrics.Kind kind = RequestMetrics.Kind.of(d.request());
                metrics.record(kind, nanos);
                meters.request(kind.name(), outcome.statusForLog(), nanos);
                // No part of the tag and only at debug: a tag prefix, or a line per request with its time,
                // joins with the users table (which holds each user's tag) into per-user activity timelines.
                // Operators get counts and latencies from the metrics instead.
                log.debug("{} -> {} in {} us", d.request().action(), outcome.statusForLog(), nanos / 1000);
            }
        }
    }

    /** Hands deliveries to the link, e.g. the mailbox's backlog after a restart. */
    void deliverAll(List<Outcome.Delivery> deliveries) {
        deliveries.forEach(this::deliver);
    }

    /**
     * Hands one delivery to the link; the future completes when the link is done with it (written, or for a
     * tracked one, confirmed by the nym-client), or failed.
     */
    CompletableFuture<Void> deliver(Outcome.Delivery delivery) {
        SenderTag to;
        try {
            to = SenderTag.parse(delivery.senderTag());
        } catch (IllegalArgumentException e) {
            log.error("cannot deliver: the recipient's stored sender tag is not a valid tag");
            directory.notHandedOff(delivery);
            return CompletableFuture.failedFuture(e);
        }
        // A mailbox message leaves the mailbox once handed to the nym-client: only a confirmed hand-off counts.
        String encoded = dialect.encode(delivery.reply());
        CompletableFuture<Void> written = delivery.tracked()
                ? link.replyConfirmed(to, encoded) : link.reply(to, encoded);
        if (delivery.reply() instanceof Reply.Incoming) {
            written.thenRun(meters::delivered);
        }
        if (delivery.tracked()) {
            // Reported on a virtual thread: the mailbox write must not hold up the link's writer.
            written.whenCompleteAsync((ok, failure) -> {
                if (failure == null) {
                    deliverAll(directory.handedOff(delivery));
                } else {
                    directory.notHandedOff(delivery);
                }
            }, reports);
        }
        return written;
    }

    /**
     * Shutdown, after the link closed (so every delivery's future is settled): waits until the mailbox heard
     * about each, so a message written to the nym-client is not handed out again after the restart.
     */
    void awaitDeliveryReports() {
        reports.close();
    }

    private void send(SenderTag to, Reply reply) {
        if (link.reply(to, dialect.encode(reply)).isCompletedExceptionally()) {
            log.error("outbound queue full: a reply was dropped");
        }
    }
}
