package org.nymdir.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nymdir.mixnet.Inbound;
import org.nymdir.mixnet.MixnetLink;
import org.nymdir.mixnet.OutboundFullException;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;

/** A {@link MixnetLink} without a network: records what is sent, and delivers what a test hands it. */
final class ScriptedLink implements MixnetLink {
    /** One {@code sendAnonymous} or {@code send} (surbs -1). */
    record Sent(NymAddress to, String message, int surbs) {}

    final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final NymAddress self;
    volatile boolean connected = true;
    volatile boolean accepting = true;
    /** Runs as the link starts, before the client knows its address (a nym-client flushing held messages). */
    volatile Runnable onStart = () -> {};
    private volatile Consumer<Inbound> inbound;

    ScriptedLink(NymAddress self) {
        this.self = self;
    }

    /** The next message we sent, waiting up to 5 s. */
    Sent next() throws InterruptedException {
        Sent s = sent.poll(5, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("nothing was sent");
        }
        return s;
    }

    /** Delivers a message as our nym-client would: a directory reply comes without a sender tag. */
    void deliver(String message, SenderTag tag) {
        inbound.accept(new Inbound(tag, message.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void start(Consumer<Inbound> consumer) {
        inbound = consumer;
        onStart.run();
    }

    @Override
    public NymAddress awaitSelfAddress(Duration timeout) {
        return self;
    }

    @Override
    public CompletableFuture<Void> reply(SenderTag tag, String message) {
        throw new UnsupportedOperationException("clients never reply through SURBs");
    }

    @Override
    public CompletableFuture<Void> replyConfirmed(SenderTag tag, String message) {
        throw new UnsupportedOperationException("clients never reply through SURBs");
    }

    @Override
    public CompletableFuture<Void> sendAnonymous(NymAddress recipient, String message, int replySurbs) {
        return queued(new Sent(recipient, message, replySurbs));
    }

    @Override
    public CompletableFuture<Void> send(NymAddress recipient, String message) {
        return queued(new Sent(recipient, message, -1));
    }

    private CompletableFuture<Void> queued(Sent s) {
        if (!accepting) {
            return CompletableFuture.failedFuture(new OutboundFullException(0));
        }
        sent.add(s);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public long connections() {
        return 1;
    }

    @Override
    public int queuedOutbound() {
        return 0;
    }

    @Override
    public void close() {
        connected = false;
    }
}
