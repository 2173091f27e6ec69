package org.nymdir.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.framing.CloseFrame;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ServerResponse;

/**
 * A local stand-in for the Nym mixnet and its nym-clients, speaking the nym-client WebSocket API exactly
 * (reference section C.7 is the model). Start it in-process, point a nym-client user at {@link #serviceUrl()},
 * and connect any number of other clients to {@link #clientsUrl()} or {@link #clientUrl(String)}.
 *
 * <pre>{@code
 * try (LocalMixnet sim = LocalMixnet.start(SimConfig.ephemeral(tempDir))) {
 *     URI directory = sim.serviceUrl();      // the one "real nym-client" a server connects to
 *     URI alice = sim.clientUrl("alice");     // a stable address across connections and restarts
 *     ...
 * }
 * }</pre>
 *
 * <p>Test hooks: {@link #faults(Faults)} changes the fault knobs at once; {@link #disconnectService()} and
 * {@link #refuseService(Duration)} make the service's nym-client go away; {@link #surbsAvailable} peeks at a
 * SURB stock. Thread-safe.
 */
public final class LocalMixnet implements AutoCloseable {
    private final SimConfig config;
    private final String urlHost;
    private final SimLoop loop;
    private final Counters counters;
    private final AtomicReference<Faults> faults;
    private final AddressBook book;
    private final SurbLedger ledger;
    private final Sessions sessions;
    private final ClientSocketServer service;
    private final ClientSocketServer clients;
    private final StatsHttp stats;

    private LocalMixnet(SimConfig config) throws IOException {
        this.config = config;
        this.urlHost = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        this.book = new AddressBook(new StateDir(config.stateDir()), config.maxNamedClients()); // first: may fail
        this.loop = new SimLoop();
        this.counters = new Counters();
        this.faults = new AtomicReference<>(config.faults());
        SecureRandom random = new SecureRandom();
        FaultModel model = new FaultModel(config.seed() != null ? config.seed() : random.nextLong());
        Courier courier = new Courier(loop, book, counters, model, faults::get, config.holdLimit(),
                config.holdBytesLimit());
        this.ledger = new SurbLedger(config.simpleSurbs(), config.surbTimings(), counters, loop::now,
                new SurbLedger.Network() {
                    @Override
                    public void deliverReply(SurbStock stock, byte[] message) {
                        courier.message(stock.sender, new ServerResponse.Received(message, null), null);
                    }

                    @Override
                    public void requestSurbs(SurbStock stock, int amount) {
                        ClientRun senderRun = stock.senderRun;
                        courier.control(() -> { // the request reaches the original sender...
                            if (senderRun != null && senderRun.answersSurbRequestsFrom(stock.receiver)) {
                                courier.control(() -> courier.surbsArrive(stock.receiver, // ...and SURBs come back
                                        new Courier.SurbGrant(stock.tag, amount, stock.sender, senderRun, true)));
                            }
                        });
                    }
                });
        courier.sink((receiver, g) -> ledger.received(receiver, g.tag(), g.count(), g.sender(), g.senderRun(),
                g.fromRequest()));
        ClientRun serviceRun = new ClientRun(book.service().address);
        loop.execute(() -> book.service().run = serviceRun);
        Router router = new Router(book, courier, ledger, counters, random);
        this.sessions = new Sessions(config, book, router, loop, counters, serviceRun, faults::get);
        this.service = new ClientSocketServer(ClientSocketServer.Role.SERVICE,
                new InetSocketAddress(config.host(), config.servicePort()), sessions);
        this.clients = new ClientSocketServer(ClientSocketServer.Role.CLIENTS,
                new InetSocketAddress(config.host(), config.clientsPort()), sessions);
        try {
            this.stats = StatsHttp.start(config.host(), config.statsPort(), counters::snapshot);
        } catch (IOException e) {
            loop.close();
            throw new IOException("the stats port " + config.statsPort() + " is not free: " + e.getMessage(), e);
        }
        loop.every(ledger::inspect, config.surbTimings().checkEvery());
    }

    /**
     * Starts the local mixnet and waits until its ports listen.
     *
     * @throws IOException if a port cannot be bound or the state folder cannot be used
     */
    public static LocalMixnet start(SimConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        LocalMixnet sim;
        try {
            sim = new LocalMixnet(config);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the state folder cannot be used
        }
        sim.service.start();
        sim.clients.start();
        awaitListening(sim, sim.service, "service port", config.servicePort());
        awaitListening(sim, sim.clients, "clients port", config.clientsPort());
        return sim;
    }

    /** Waits until {@code server} listens; closes the mixnet and names the port when it cannot. */
    private static void awaitListening(LocalMixnet sim, ClientSocketServer server, String role, int port)
            throws IOException {
        try {
            server.started().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sim.close();
            throw new IOException("interrupted while starting the local mixnet", e);
        } catch (ExecutionException | TimeoutException e) {
            sim.close();
            Throwable why = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("the local mixnet cannot listen on its " + role + " "
                    + sim.hostPort(port) + ": " + why, e);
        }
    }

    public SimConfig config() {
        return config;
    }

    /** Where the service client listens, as a real nym-client on 1977. One connection at a time. */
    public URI serviceUrl() {
        return URI.create("ws://" + hostPort(service.getPort()) + "/");
    }

    /** Each connection here is a new client with a fresh address. */
    public URI clientsUrl() {
        return URI.create("ws://" + hostPort(clients.getPort()) + "/");
    }

    /** A client with a stable address, kept in the state folder; one connection at a time. */
    public URI clientUrl(String id) {
        return URI.create(clientsUrl() + "?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }

    public URI statsUrl() {
        return URI.create("http://" + hostPort(stats.port()) + "/stats");
    }

    /** The service client's address; the same after a restart on the same state folder. */
    public NymAddress serviceAddress() {
        return book.service().address;
    }

    /** A named client's address, creating the client if it does not exist yet. */
    public NymAddress clientAddress(String id) {
        return book.named(id).address;
    }

    public SimStats stats() {
        return counters.snapshot();
    }

    public Faults faults() {
        return faults.get();
    }

    /** Changes the fault knobs; messages already in flight keep the fate they drew. */
    public void faults(Faults newFaults) {
        faults.set(Objects.requireNonNull(newFaults, "faults"));
    }

    /** Drops the service-port connection at once, without a close handshake, as if nym-client crashed. */
    public void disconnectService() {
        var owner = book.service().owner.get();
        if (owner != null) {
            owner.closeConnection(CloseFrame.ABNORMAL_CLOSE, "nym-client went away");
        }
    }

    /**
     * Refuses new service-port connections for a while (each is reset before its handshake). Messages for the
     * service client are held meanwhile, as its gateway would. Combine with {@link #disconnectService()} to
     * simulate a nym-client that goes away and comes back.
     */
    public void refuseService(Duration duration) {
        sessions.refuseService(duration.toNanos());
    }

    /** Reply SURBs {@code receiver} holds under {@code tag}, or -1 if it holds no entry for the tag. */
    public long surbsAvailable(NymAddress receiver, SenderTag tag) {
        return loop.call(() -> ledger.available(receiver, tag));
    }

    /** The one-line summary printed at exit. */
    public String summary() {
        return stats().summary();
    }

    private String hostPort(int port) {
        return (urlHost.contains(":") ? "[" + urlHost + "]" : urlHost) + ":" + port;
    }

    @Override
    public void close() {
        stats.close();
        for (ClientSocketServer server : new ClientSocketServer[] {service, clients}) {
            try {
                server.stop(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loop.close();
    }
}
