package org.nymdir.mixnet;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;

/**
 * The connection to our own nym-client. Implementations keep it alive (reconnecting as needed) and queue
 * outgoing messages, within a bound, while it is down.
 */
public interface MixnetLink extends AutoCloseable {

    /** Starts connecting; every received message goes to {@code inbound}, on the link's own thread. */
    void start(Consumer<Inbound> inbound);

    /** Our nym address, once the nym-client told us; waits up to {@code timeout}. */
    NymAddress awaitSelfAddress(Duration timeout) throws InterruptedException;

    /**
     * Queues a reply through the SURBs of {@code tag}. The future completes when the message was handed to
     * the nym-client (written to its socket), which is all a nym-client ever confirms; it fails at once with
     * {@link OutboundFullException} when the outbound queue is full, and is cancelled if the link closes
     * first.
     */
    CompletableFuture<Void> reply(SenderTag tag, String message);

    /**
     * Queues a reply that must not be lost on the way to the nym-client (a mailbox message). Unlike
     * {@link #reply}, the future completes only once the nym-client confirmed it has the message (it answered a
     * request written after it); if the connection dies before, the message is written again on the next one.
     * So it may reach the nym-client twice, never zero times. Every link must say how it keeps that promise
     * (hence no default): the mailbox lets go of a message on the strength of this future.
     */
    CompletableFuture<Void> replyConfirmed(SenderTag tag, String message);

    /** Queues an anonymous message with {@code replySurbs} reply SURBs; completes as {@link #reply}. */
    CompletableFuture<Void> sendAnonymous(NymAddress recipient, String message, int replySurbs);

    /** Queues a plain message (no SURBs, no sender tag); completes as {@link #reply}. */
    CompletableFuture<Void> send(NymAddress recipient, String message);

    /** Whether the WebSocket to the nym-client is up right now. */
    boolean isConnected();

    /** How many times the link connected to the nym-client since it started (reconnects: this minus one). */
    long connections();

    /** Messages waiting to go out. */
    int queuedOutbound();

    /** Stops reconnecting and closes; waits a little for queued messages to be written. */
    @Override
    void close();
}
