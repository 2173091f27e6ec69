package org.nymdir.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nymdir.dialect.v1.V1Wire;
import org.nymdir.mixnet.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything our nym-client hands us, sorted on the link thread: directory replies go to the exchange
 * waiting for them; {@code incomingMessage}s go to one receiver thread, which checks and decrypts them in
 * arrival order (off the link thread, because finding a sender's key may need a lookup whose reply arrives
 * on that very thread) and queues the results for {@link #poll}.
 *
 * <p>The link must start before the client exists (it tells our address), and a nym-client flushes the
 * messages it held for us the moment we connect: until {@link #attach} those are kept, not lost.
 *
 * <p>Acks (the nymdir extension): a relayed message is acked once the application took it from
 * {@link #poll}, so one left unread when the client closes is sent again next time. Acks go out in a batch
 * when the inbox runs empty. A message whose ack got lost comes again; we recognise its mailbox id, ack it
 * again and do not show it twice.
 */
final class Receiving implements Consumer<Inbound>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Receiving.class);
    private static final int INBOX_CAPACITY = 10_000;
    /** The directory takes at most 1,000 ids per ack. */
    private static final int ACK_BATCH = 100;
    private static final int REMEMBERED_IDS = 10_000;

    /** Sends an ack for these mailbox ids. */
    interface Acks {
        void send(List<String> mailboxIds);
    }

    private record Delivered(Incoming incoming, String ackId) {}

    private final DirectoryExchange directory;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("nymdir-receiver").factory());
    private final BlockingQueue<Delivered> inbox = new LinkedBlockingQueue<>(INBOX_CAPACITY);
    private final Set<String> seen = Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_IDS;
                }
            });
    private final List<String> unacked = new ArrayList<>();
    private List<Inbound> early = new ArrayList<>();
    private MessageReceiver receiver;
    private Acks acks;

    Receiving(DirectoryExchange directory) {
        this.directory = directory;
    }

    /**
     * From now on messages are processed; those that came early first.
     *
     * @param messageReceiver null when we act as nobody: messages are then dropped
     * @param acker sends acks; null for none
     */
    synchronized void attach(MessageReceiver messageReceiver, Acks acker) {
        receiver = messageReceiver;
        acks = acker;
        List<Inbound> waiting = early;
        early = null;
        waiting.forEach(this::dispatch);
    }

    @Override
    public synchronized void accept(Inbound inbound) {
        if (early != null) {
            early.add(inbound);
        } else {
            dispatch(inbound);
        }
    }

    Incoming poll(Duration timeout) throws InterruptedException {
        Delivered d = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (d == null) {
            return null;
        }
        if (d.ackId() != null) {
            ack(d.ackId(), inbox.isEmpty());
        }
        return d.incoming();
    }

    /** Sends the acks still pending (before the link closes). */
    void flushAcks() {
        ack(null, true);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private void ack(String id, boolean flush) {
        List<String> batch;
        synchronized (unacked) {
            if (id != null) {
                unacked.add(id);
            }
            if (unacked.isEmpty() || !flush && unacked.size() < ACK_BATCH) {
                return;
            }
            batch = List.copyOf(unacked);
            unacked.clear();
        }
        Acks a = acks;
        if (a != null) {
            a.send(batch);
        }
    }

    private void dispatch(Inbound inbound) {
        Envelope envelope = Envelope.parse(new String(inbound.message(), StandardCharsets.UTF_8));
        if (envelope == null) {
            log.debug("dropped a {}-byte message that is not a nymCHAT envelope", inbound.message().length);
        } else if (!envelope.action().equals(V1Wire.INCOMING_MESSAGE)) {
            directory.offer(envelope);
        } else if (receiver == null) {
            log.debug("dropped an incoming message: this client acts as nobody");
        } else {
            process(envelope, inbound.senderTag() != null);
        }
    }

    private void process(Envelope envelope, boolean tagged) {
        MessageReceiver r = receiver;
        try {
            worker.execute(() -> {
                try {
                    deliver(r.process(envelope, tagged));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("dropped an incoming message: the client is closing");
        }
    }

    /** Receiver thread. */
    private void deliver(MessageReceiver.Processed p) {
        String id = p.settled() ? p.mailboxId() : null;
        if (id != null && !seen.add(id)) {
            ack(id, true); // our ack was lost, so it came again: ack, but do not show it twice
            return;
        }
        if (!inbox.offer(new Delivered(p.incoming(), id))) {
            log.warn("inbox full ({} not received): dropped a message from {}", INBOX_CAPACITY, p.incoming().from());
        }
    }
}
