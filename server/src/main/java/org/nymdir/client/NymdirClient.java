package org.nymdir.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nymdir.client.e2e.NymChatE2e;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.Hashcash;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;
import org.nymdir.dialect.v1.V1Wire;
import org.nymdir.mixnet.MixnetLink;
import org.nymdir.mixnet.NymClientLink;
import org.nymdir.mixnet.addressing.NymAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A nymCHAT client: speaks to a directory what the nymCHAT app speaks, through its own nym-client.
 *
 * <pre>{@code
 * try (NymdirClient alice = NymdirClient.connect(nymClientUrl, ClientConfig.of(directory).withDirectoryKey(key),
 *         UserIdentity.generate("alice", random), Peers.inMemory())) {
 *     alice.register();                  // or login() with a registered identity
 *     alice.send("bob", "hello");        // through the directory, or direct after bob's handshake
 *     Incoming in = alice.receive(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Blocking calls, safe from several threads: requests in one context (registration, login, query, chat)
 * take turns, because v1 replies carry no request id. Incoming messages are decrypted and checked on one
 * receiver thread, in arrival order, and queue up for {@link #receive}. To receive relayed messages a user
 * must have logged in (or registered) through this client's nym-client: the directory replies to the sender
 * tag of the last login.
 *
 * <p>Do not block in the common {@code ForkJoinPool} (a {@code CompletableFuture.supplyAsync} without an
 * executor, a parallel stream) while using a client: the JDK's WebSocket client finishes its handshakes and
 * callbacks there, and on a two-core machine that pool has a single worker.
 */
public final class NymdirClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NymdirClient.class);
    /** The hardest registration puzzle we solve: 2^28 hashes, about a minute on one core. */
    static final int MAX_WORK_BITS = 28;

    private final MixnetLink link;
    private final ClientConfig config;
    private final UserIdentity me;
    private final Peers peers;
    private final NymAddress address;
    private final DirectoryExchange directory;
    private final Outgoing outgoing;
    private final Ecdsa ecdsa;
    private final Receiving receiving;

    private NymdirClient(MixnetLink link, ClientConfig config, UserIdentity me, Peers peers, NymAddress address,
                         DirectoryExchange directory, Ecdsa ecdsa, NymChatE2e e2e, Receiving receiving,
                         Clock clock) {
        this.link = link;
        this.config = config;
        this.me = me;
        this.peers = peers;
        this.address = address;
        this.directory = directory;
        this.outgoing = new Outgoing(me, ecdsa, e2e);
        this.ecdsa = ecdsa;
        this.receiving = receiving;
        receiving.attach(me == null ? null
                : new MessageReceiver(me, peers, this::lookupKey, directory, e2e, ecdsa, clock),
                me == null ? null : this::ack);
    }

    /**
     * Connects through a nym-client's WebSocket at {@code nymClientUrl}; received messages are stamped with
     * the system clock.
     */
    public static NymdirClient connect(URI nymClientUrl, ClientConfig config, UserIdentity me, Peers peers)
            throws ClientException, InterruptedException {
        return connect(new NymClientLink(nymClientUrl, 1000, 4 * 1024 * 1024), nymClientUrl.toString(), config,
                me, peers, Clock.systemUTC());
    }

    /**
     * Starts {@code link} (not started yet; the client owns it from now on) and waits until our nym-client
     * told our address.
     *
     * @param me    who we act as; null for a client that only looks users up
     * @param clock what {@link Incoming#receivedAt} reads
     * @throws ClientException.Unreachable the nym-client did not answer within the connect timeout
     */
    public static NymdirClient connect(MixnetLink link, String linkName, ClientConfig config, UserIdentity me,
                                       Peers peers, Clock clock) throws ClientException, InterruptedException {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(config, "config");
        Ecdsa ecdsa = Ecdsa.withDefaultProvider();
        DirectoryExchange directory = new DirectoryExchange(link, config, ecdsa, linkName);
        Receiving receiving = new Receiving(directory);
        link.start(receiving);
        NymAddress address;
        try {
            address = link.awaitSelfAddress(config.connectTimeout());
        } catch (InterruptedException e) {
            link.close();
            receiving.close();
            throw e;
        }
        if (address == null) {
            link.close();
            receiving.close();
            throw new ClientException.Unreachable("our nym-client at " + linkName + " did not answer within "
                    + config.connectTimeout().toSeconds() + " s: is it running, and not in use by another program? (a"
                    + " nym-client takes one connection at a time)");
        }
        return new NymdirClient(link, config, me, peers, address, directory, ecdsa, NymChatE2e.withDefaults(),
                receiving, clock);
    }

    /** Our nym address: what a handshake reveals. */
    public NymAddress address() {
        return address;
    }

    public UserIdentity identity() {
        return me;
    }

    public Peers peers() {
        return peers;
    }

    public ClientConfig config() {
        return config;
    }

    /**
     * Registers our identity: asks for the name, signs the directory's nonce, solves the puzzle the challenge
     * carries (nymdir's proof of work: a registration without it draws on the directory's small budget for
     * v1 clients), waits for {@code success}.
     */
    public void register() throws ClientException, InterruptedException {
        UserIdentity self = requireIdentity();
        directory.exclusive(V1Wire.CTX_REGISTRATION, () -> {
            Envelope challenge = directory.call(V1Wire.CTX_REGISTRATION,
                    Requests.register(self.username(), self.publicKeyPem()),
                    V1Wire.CHALLENGE, V1Wire.CHALLENGE_RESPONSE);
            String nonce = Replies.nonce(challenge, self.username());
            String signature = outgoing.sign(nonce);
            int bits = Replies.workBits(challenge, MAX_WORK_BITS);
            long started = System.nanoTime();
            String work = bits > 0 ? Hashcash.solve(nonce, bits) : null;
            log.debug("registration puzzle of {} bits solved in {} ms", bits,
                    (System.nanoTime() - started) / 1_000_000);
            Envelope result = directory.call(V1Wire.CTX_REGISTRATION, Requests.registrationResponse(
                    self.username(), signature, work), V1Wire.CHALLENGE_RESPONSE);
            Replies.expectSuccess(result, self.username(), self.username());
            return null;
        });
        declareAcking();
        log.debug("registered {}", self.username());
    }

    /** Logs in: the directory will relay messages for us to this client's nym-client from now on. */
    public void login() throws ClientException, InterruptedException {
        UserIdentity self = requireIdentity();
        directory.exclusive(V1Wire.CTX_LOGIN, () -> {
            Envelope challenge = directory.call(V1Wire.CTX_LOGIN, Requests.login(self.username()),
                    V1Wire.CHALLENGE, V1Wire.CHALLENGE_RESPONSE);
            String signature = outgoing.sign(Replies.nonce(challenge, self.username()));
            Envelope result = directory.call(V1Wire.CTX_LOGIN, Requests.loginResponse(self.username(), signature),
                    V1Wire.CHALLENGE_RESPONSE);
            Replies.expectSuccess(result, self.username(), self.username());
            return null;
        });
        declareAcking();
        log.debug("logged in as {}", self.username());
    }

    /**
     * Moves our name to a new key (nymdir extension): logs in (the directory takes account requests only from a
     * tag that proved the name), then sends the rotation signed by our key and by the new one. From the
     * directory's {@code success} on, only the new key logs in; this client still signs with the old one, so
     * close it and connect again as the returned identity. Keep {@code newKeys} safe before calling: if the
     * reply is lost the rotation may have happened.
     *
     * @return who we are now: our name with {@code newKeys}
     */
    public UserIdentity rotateKey(EcKeyPair newKeys) throws ClientException, InterruptedException {
        UserIdentity self = requireIdentity();
        UserIdentity next = new UserIdentity(self.username(), newKeys);
        login();
        String content = Requests.rotationContent(self.username(), newKeys.publicKeyPem());
        String newSignature = new Outgoing(next, ecdsa, NymChatE2e.withDefaults()).sign(content);
        directory.exclusive(V1Wire.CTX_ACCOUNT, () -> {
            Envelope reply = directory.call(V1Wire.CTX_ACCOUNT,
                    Requests.rotateKey(content, outgoing.sign(content), newSignature), V1Wire.ROTATE_KEY_RESPONSE);
            Replies.expectSuccess(reply, self.username(), self.username());
            return null;
        });
        log.debug("rotated the key of {}", self.username());
        return next;
    }

    /**
     * Deletes our account (nymdir extension): logs in, then sends the deletion signed by our key. The directory
     * drops our waiting mail and holds the name back from everyone for its quarantine (30 days by default).
     */
    public void deleteAccount() throws ClientException, InterruptedException {
        UserIdentity self = requireIdentity();
        login();
        String content = Requests.deletionContent(self.username());
        directory.exclusive(V1Wire.CTX_ACCOUNT, () -> {
            Envelope reply = directory.call(V1Wire.CTX_ACCOUNT,
                    Requests.deleteAccount(content, outgoing.sign(content)), V1Wire.DELETE_ACCOUNT_RESPONSE);
            Replies.expectSuccess(reply, self.username(), self.username());
            return null;
        });
        log.debug("deleted the account of {}", self.username());
    }

    /**
     * Looks a user up at the directory and remembers their key.
     *
     * @throws ClientException.UserUnknown no such user
     */
    public Peer lookup(String username) throws ClientException, InterruptedException {
        lookupKey(username);
        return peers.get(username).orElseThrow();
    }

    private String lookupKey(String username) throws ClientException, InterruptedException {
        JsonNode record = directory.exclusive(V1Wire.CTX_QUERY, () -> Replies.userRecord(
                directory.call(V1Wire.CTX_QUERY, Requests.query(username), V1Wire.QUERY_RESPONSE), username));
        String pem = Envelope.string(record, "publicKey");
        try {
            PemKeys.parsePublicKey(pem);
        } catch (InvalidKeyMaterialException e) {
            throw new ClientException.DirectoryError("the directory holds an unusable key for " + username);
        }
        peers.rememberKey(username, pem);
        return pem;
    }

    /** Sends a chat message: directly if {@code to} sent us a handshake, otherwise through the directory. */
    public Route send(String to, String text) throws ClientException, InterruptedException {
        return send(to, text, routeTo(to));
    }

    /** Sends a chat message by the given route. */
    public Route send(String to, String text, Route route) throws ClientException, InterruptedException {
        return deliver(to, Outgoing.chat(text), route);
    }

    /** Reveals our nym address to {@code to} (encrypted), so they can write to us directly. */
    public Route handshake(String to) throws ClientException, InterruptedException {
        return deliver(to, Outgoing.handshake(address), routeTo(to));
    }

    /** Sends our handshake by the given route. */
    public Route handshake(String to, Route route) throws ClientException, InterruptedException {
        return deliver(to, Outgoing.handshake(address), route);
    }

    private Route routeTo(String to) {
        return peers.get(to).map(Peer::address).isPresent() ? Route.DIRECT : Route.DIRECTORY;
    }

    private Route deliver(String to, String plaintext, Route route) throws ClientException, InterruptedException {
        UserIdentity self = requireIdentity();
        Peer peer = peers.get(to).filter(p -> p.publicKeyPem() != null).orElse(null);
        if (peer == null) {
            peer = lookup(to);
        }
        if (route == Route.DIRECT && peer.address() == null) {
            throw new ClientException.NoDirectRoute(to);
        }
        Outgoing.Signed message = outgoing.seal(peer, plaintext);
        if (route == Route.DIRECT) {
            // No reply will come: having it written to our nym-client is all the confirmation there is.
            awaitWritten(link.sendAnonymous(peer.address(), Envelope.direct(message.content(),
                    message.signature()), config.directSurbs()));
        } else {
            directory.exclusive(V1Wire.CTX_CHAT, () -> {
                Envelope reply = directory.call(V1Wire.CTX_CHAT, Requests.send(message.content(),
                        message.signature()), V1Wire.SEND_RESPONSE);
                Replies.expectSuccess(reply, to, self.username());
                return null;
            });
        }
        peers.markIntroduced(to);
        return route;
    }

    private void awaitWritten(CompletableFuture<Void> written)
            throws ClientException, InterruptedException {
        try {
            written.get(config.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CancellationException e) {
            throw new ClientException.Unreachable("our nym-client did not take the message: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage());
        } catch (TimeoutException e) {
            throw new ClientException.Unreachable("our nym-client did not take the message within "
                    + config.replyTimeout().toSeconds() + " s");
        }
    }

    /** The next incoming message, waiting up to {@code timeout}; null if none came. */
    public Incoming receive(Duration timeout) throws InterruptedException {
        return receiving.poll(timeout);
    }

    /**
     * Acks relayed messages we took (nymdir's extension: the directory then keeps our messages until acked
     * and sends them again on our next login). Fire and forget: a lost ack only means the message comes
     * again, and {@link Receiving} recognises it.
     */
    private void ack(List<String> mailboxIds) {
        String content = Requests.ackContent(me.username(), mailboxIds);
        if (!directory.fire(Requests.ack(content, outgoing.sign(content)))) {
            log.debug("could not queue an ack for {} messages", mailboxIds.size());
        }
    }

    /**
     * An ack of nothing: tells the directory at once that we ack, so it keeps every message for us until we
     * confirm it, also the first ones (otherwise it treats us as a v1 client until our first real ack).
     */
    private void declareAcking() {
        ack(List.of());
    }

    /** Acks what was received, lets queued messages leave, closes the link to the nym-client. */
    @Override
    public void close() {
        receiving.flushAcks();
        link.close();
        receiving.close();
    }

    private UserIdentity requireIdentity() {
        if (me == null) {
            throw new IllegalStateException("this client has no identity: give one to act as a user");
        }
        return me;
    }
}
