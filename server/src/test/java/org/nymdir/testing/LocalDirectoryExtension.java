package org.nymdir.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.nymdir.app.DirectoryFiles;
import org.nymdir.app.DirectoryServer;
import org.nymdir.app.LocalDirectory;
import org.nymdir.client.ClientConfig;
import org.nymdir.client.ClientException;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Peers;
import org.nymdir.client.UserIdentity;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.Faults;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;

/**
 * A real directory (SQLite, the original's file layout, in a temporary folder) on the local mixnet (OS-chosen
 * ports): the whole system as chat clients see it, for end-to-end tests. It runs a {@link LocalDirectory}, so
 * the directory can be stopped and started again on the same files, as an operator restarts it:
 * {@code env.local().stopDirectory()} (look into its database then), {@code env.local().startDirectory()}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalDirectoryExtension env = LocalDirectoryExtension.builder().build(); // one per class
 *
 * @Test
 * void relays() throws Exception {
 *     NymdirClient alice = env.registered("alice");    // a unique name, registered, closed after the test
 *     NymdirClient bob = env.registered("bob");
 *     alice.send(bob.identity().username(), "hi");
 *     assertThat(bob.receive(env.timeout())).isInstanceOf(Incoming.Message.class);
 * }
 * }</pre>
 *
 * Held in a {@code static} field, one directory serves the whole class (fast; tests must use their own
 * names: {@link #uniqueName}, {@link #client}, {@link #registered} do); in an instance field, each test gets
 * its own (see {@link ScopedExtension}). The directory starts when a test first asks for it, so a test may
 * first lay an original's files into {@link #files()}. Clients and peers made through the extension are
 * closed after each test.
 */
public final class LocalDirectoryExtension extends ScopedExtension {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UnaryOperator<SimConfig.Builder> simSettings;
    private final Map<String, String> settings;
    private final Clock clock;
    private final Duration timeout;
    private final LongSupplier freeSpace;
    private final AtomicInteger names = new AtomicInteger();
    private final List<AutoCloseable> made = new ArrayList<>();
    private final String runId = Integer.toString(RANDOM.nextInt(1 << 20), 36);
    private LocalDirectory local;

    private LocalDirectoryExtension(Builder b) {
        super("nymdir-e2e-");
        this.simSettings = b.simSettings;
        this.settings = Map.copyOf(b.settings);
        this.clock = b.clock;
        this.timeout = b.timeout;
        this.freeSpace = b.freeSpace;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of the local mixnet, of the directory and of the clients the extension makes. */
    public static final class Builder {
        private UnaryOperator<SimConfig.Builder> simSettings = UnaryOperator.identity();
        private Map<String, String> settings = Map.of();
        private Clock clock = Clock.systemUTC();
        private Duration timeout = Duration.ofSeconds(10);
        private LongSupplier freeSpace;

        private Builder() {}

        /** What the directory's free-space floor reads as its disk's free bytes, as in {@link LocalDirectory}. */
        public Builder freeSpace(LongSupplier usableBytes) {
            freeSpace = Objects.requireNonNull(usableBytes);
            return this;
        }

        /** Any mixnet setting; the default is nym-client's realistic SURB accounting, no faults. */
        public Builder sim(UnaryOperator<SimConfig.Builder> more) {
            simSettings = LocalMixnetExtension.then(simSettings, more);
            return this;
        }

        public Builder faults(Faults faults) {
            return sim(b -> b.faults(faults));
        }

        public Builder simpleSurbs(boolean simple) {
            return sim(b -> b.simpleSurbs(simple));
        }

        /** The directory's variables, as in {@link LocalDirectory.Builder#settings}. */
        public Builder settings(Map<String, String> variables) {
            settings = Map.copyOf(variables);
            return this;
        }

        /** Where the directory reads the time (a test clock, moved by the test). */
        public Builder clock(Clock c) {
            clock = Objects.requireNonNull(c);
            return this;
        }

        /** Reply timeout of the extension's clients, and {@link #timeout()} for tests (default 10 s). */
        public Builder timeout(Duration t) {
            timeout = Objects.requireNonNull(t);
            return this;
        }

        public LocalDirectoryExtension build() {
            return new LocalDirectoryExtension(this);
        }
    }

    @Override
    void afterTest() {
        closeMade();
    }

    @Override
    synchronized void stop() {
        closeMade();
        if (local != null) {
            local.close();
            local = null;
        }
    }

    // ---- the environment ----

    /** The mixnet and the directory, started at the first call. */
    public synchronized LocalDirectory local() {
        if (local == null) {
            try {
                LocalDirectory.Builder builder = LocalDirectory.builder(folder()).sim(simSettings)
                        .settings(withTestDefaults(settings)).clock(clock);
                local = (freeSpace == null ? builder : builder.freeSpace(freeSpace)).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the local directory", e);
            }
        }
        return local;
    }

    /**
     * A registration puzzle of 12 bits (about 4,000 hashes) unless the test sets one: every test's registrations
     * still solve a puzzle, at a cost that a hundred clients registering at once on two shared cores can bear
     * (at the default 20 bits that is some ten CPU seconds).
     */
    private static Map<String, String> withTestDefaults(Map<String, String> given) {
        Map<String, String> all = new HashMap<>(given);
        all.putIfAbsent("NYMDIR_REGISTER_WORK", "12");
        return all;
    }

    public LocalMixnet sim() {
        return local().sim();
    }

    /** The running directory. */
    public DirectoryServer directory() {
        return local().directory();
    }

    public NymAddress directoryAddress() {
        return local().address();
    }

    /** Where the directory keeps its files; usable before it starts (the directory starts on what is there). */
    public DirectoryFiles files() {
        return new DirectoryFiles(folder());
    }

    /** Address, key and the extension's timeout: what the extension's clients use. */
    public ClientConfig clientConfig() {
        return local().clientConfig().withReplyTimeout(timeout).withConnectTimeout(timeout);
    }

    /** How long tests should wait for anything to arrive. */
    public Duration timeout() {
        return timeout;
    }

    /** A temp folder of this run (deleted afterwards), for key files and such. */
    public Path workDir() {
        return folder();
    }

    /** A username no other test of this extension gets: {@code prefix}, a counter and a random run id. */
    public String uniqueName(String prefix) {
        return prefix + "_" + runId + "_" + names.incrementAndGet();
    }

    /** A nym-client of the local mixnet with a stable address for {@code name}. */
    public URI nymClientUrl(String name) {
        return sim().clientUrl(name);
    }

    // ---- raw chat clients, closed after each test ----

    /**
     * A raw chat client on the nym-client with the stable address for {@code id} (the same id again is the
     * same user's nym-client, as after a restart), connected and in text mode.
     */
    public ChatPeer peer(String id) {
        LocalDirectory running = local();
        return made(ChatPeer.connect(running.sim().clientUrl(id), running.address(),
                running.directory().publicKeyPem()));
    }

    // ---- clients, closed after each test ----

    /** A connected client acting as a new identity with a {@link #uniqueName} (not registered). */
    public NymdirClient client(String prefix) throws ClientException, InterruptedException {
        return client(UserIdentity.generate(uniqueName(prefix), RANDOM), clientConfig());
    }

    /** A client acting as {@code me} (null: nobody) on a nym-client of its own, with in-memory peers. */
    public NymdirClient client(UserIdentity me, ClientConfig config) throws ClientException, InterruptedException {
        return client(me, config, Peers.inMemory());
    }

    /**
     * A client acting as {@code me} (null: nobody) with the given peers, on a new nym-client of its own (a
     * stable address, as a real nym-client has; two clients never share one, even for the same user).
     */
    public NymdirClient client(UserIdentity me, ClientConfig config, Peers peers)
            throws ClientException, InterruptedException {
        return made(NymdirClient.connect(nymClientUrl(uniqueName("nym")), config, me, peers));
    }

    /** A connected client of a new, registered user (registering also points the directory at it). */
    public NymdirClient registered(String prefix) throws ClientException, InterruptedException {
        NymdirClient c = client(prefix);
        c.register();
        return c;
    }

    private <T extends AutoCloseable> T made(T closeable) {
        synchronized (made) {
            made.add(closeable);
        }
        return closeable;
    }

    private void closeMade() {
        List<AutoCloseable> toClose;
        synchronized (made) {
            toClose = new ArrayList<>(made);
            made.clear();
        }
        IllegalStateException failure = null;
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot close what a test made", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
