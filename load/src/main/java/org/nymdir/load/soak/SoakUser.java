package org.nymdir.load.soak;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.nymdir.client.ClientConfig;
import org.nymdir.client.ClientException;
import org.nymdir.client.Incoming;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Peers;
import org.nymdir.client.UserIdentity;

/**
 * One soak user: an ordinary {@link NymdirClient} on its own named virtual nym-client (a stable nym address,
 * as a real user's), and a thread that takes whatever arrives, as an application would. Taking a message
 * makes the client ack it. A reconnect is a new client run: a new sender tag at the directory, which then
 * sends the user's unacknowledged mail again.
 */
final class SoakUser implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int CONNECT_ATTEMPTS = 20;

    private final UserIdentity identity;
    private final URI nymClient;
    private final ClientConfig config;
    private final Peers peers = Peers.inMemory();
    private final Tally tally;
    private final AtomicReference<NymdirClient> client = new AtomicReference<>();
    private volatile boolean running = true;
    private final Thread receiver;

    SoakUser(UserIdentity identity, URI nymClient, ClientConfig config, Tally tally) {
        this.identity = identity;
        this.nymClient = nymClient;
        this.config = config;
        this.tally = tally;
        this.receiver = Thread.ofVirtual().name("soak-receiver-" + identity.username()).unstarted(this::receive);
    }

    String name() {
        return identity.username();
    }

    UserIdentity identity() {
        return identity;
    }

    /** The current client run; null while reconnecting. */
    NymdirClient client() {
        return client.get();
    }

    /** Connects the first client run and starts taking messages. */
    void start() throws ClientException, InterruptedException {
        client.set(connect());
        receiver.start();
    }

    /**
     * Ends this client run (its pending acks go out) and starts a new one: a new sender tag. The directory
     * learns the new tag only from a login, which the caller does.
     */
    NymdirClient reconnect() throws ClientException, InterruptedException {
        NymdirClient old = client.getAndSet(null);
        if (old != null) {
            old.close();
        }
        NymdirClient fresh = connect();
        client.set(fresh);
        return fresh;
    }

    /**
     * A named nym-client takes one connection at a time, and the mixnet may not have seen the last one
     * close yet: retried for a while.
     */
    private NymdirClient connect() throws ClientException, InterruptedException {
        ClientException last = null;
        for (int attempt = 0; attempt < CONNECT_ATTEMPTS; attempt++) {
            try {
                return NymdirClient.connect(nymClient, config, identity, peers);
            } catch (ClientException.Unreachable e) {
                last = e;
                Thread.sleep(100L * (attempt + 1));
            }
        }
        throw last;
    }

    private void receive() {
        while (running) {
            NymdirClient c = client.get();
            try {
                if (c == null) {
                    Thread.sleep(POLL);
                    continue;
                }
                Incoming in = c.receive(POLL);
                switch (in) {
                    case null -> { }
                    case Incoming.Message m -> tally.received(name(), m.from(), m.text());
                    case Incoming.Rejected r -> tally.rejected.increment();
                    case Incoming.Handshake h -> tally.foreign.increment();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            if (receiver.isAlive()) {
                receiver.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        NymdirClient c = client.getAndSet(null);
        if (c != null) {
            c.close();
        }
    }
}
