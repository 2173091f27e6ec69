package org.nymdir.mixnet;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The connection to our own nym-client. Implementations keep it alive (reconnecting as needed) and queue
 * outgoing messages, within a bound, while it is down.
 */
public interface MixnetLink extends AutoCloseable {

    /** Starts connecting; every received message goes to {@code inbound}, on the link's own thread. */
    void start(Consumer<Inbound> inbound);

    /** Our nym address, once the nym-client told us; waits up to {@code timeout}. */
    NymAddress awaitSelfAddress(Duration timeout) throws InterruptedException;

    /** Queues a reply through the SURBs of {@code tag}; {@code false} if the outbound queue is full. */
    boolean reply(SenderTag tag, String message);

    /** Queues an anonymous message with {@code replySurbs} reply SURBs; {@code false} if the queue is full. */
    boolean sendAnonymous(NymAddress recipient, String message, int replySurbs);

    /** Queues a plain message (no SURBs, no sender tag); {@code false} if the queue is full. */
    boolean send(NymAddress recipient, String message);

    /** Whether the WebSocket to the nym-client is up right now. */
    boolean isConnected();

    /** Messages waiting to go out. */
    int queuedOutbound();

    /** Stops reconnecting and closes; waits a little for queued messages to be written. */
    @Override
    void close();
}
