package org.nymdir.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 */
final class Receiving implements Consumer<Inbound>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Receiving.class);
    private static final int INBOX_CAPACITY = 10_000;

    private final DirectoryExchange directory;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("nymdir-receiver").factory());
    private final BlockingQueue<Incoming> inbox = new LinkedBlockingQueue<>(INBOX_CAPACITY);
    private List<Inbound> early = new ArrayList<>();
    private MessageReceiver receiver;

    Receiving(DirectoryExchange directory) {
        this.directory = directory;
    }

    /** From now on messages are processed; those that came early first. {@code receiver} null: we act as nobody. */
    synchronized void attach(MessageReceiver messageReceiver) {
        receiver = messageReceiver;
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
        return inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        worker.shutdownNow();
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
                    Incoming in = r.process(envelope, tagged);
                    if (!inbox.offer(in)) {
                        log.warn("inbox full ({} not received): dropped a message from {}", INBOX_CAPACITY, in.from());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("dropped an incoming message: the client is closing");
        }
    }
}
