package org.nymdir.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
 * A real directory (SQLite in a temp folder) on the local mixnet (OS-chosen ports), for end-to-end tests.
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
 * its own. Clients made through the extension are closed after each test, the directory and mixnet after
 * the class (or test), and the temp folder is deleted. Nothing is shared between extension instances, so
 * test classes may run in parallel.
 */
public final class LocalDirectoryExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UnaryOperator<SimConfig.Builder> simSettings;
    private final Duration timeout;
    private final AtomicInteger names = new AtomicInteger();
    private final List<NymdirClient> clients = new ArrayList<>();
    private final String runId = Integer.toString(RANDOM.nextInt(1 << 20), 36);
    private Path workDir;
    private LocalDirectory local;
    private boolean perClass;

    private LocalDirectoryExtension(UnaryOperator<SimConfig.Builder> simSettings, Duration timeout) {
        this.simSettings = simSettings;
        this.timeout = timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of the local mixnet and of the clients the extension makes. */
    public static final class Builder {
        private UnaryOperator<SimConfig.Builder> simSettings = UnaryOperator.identity();
        private Duration timeout = Duration.ofSeconds(10);

        private Builder() {}

        /** Any mixnet setting; the default is nym-client's realistic SURB accounting, no faults. */
        public Builder sim(UnaryOperator<SimConfig.Builder> settings) {
            UnaryOperator<SimConfig.Builder> before = simSettings;
            simSettings = b -> settings.apply(before.apply(b));
            return this;
        }

        public Builder faults(Faults faults) {
            return sim(b -> b.faults(faults));
        }

        public Builder simpleSurbs(boolean simple) {
            return sim(b -> b.simpleSurbs(simple));
        }

        /** Reply timeout of the extension's clients, and {@link #timeout()} for tests (default 10 s). */
        public Builder timeout(Duration t) {
            timeout = Objects.requireNonNull(t);
            return this;
        }

        public LocalDirectoryExtension build() {
            return new LocalDirectoryExtension(simSettings, timeout);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeClients();
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() throws IOException, InterruptedException {
        workDir = Files.createTempDirectory("nymdir-e2e-");
        local = LocalDirectory.start(workDir, simSettings.apply(LocalDirectory.simDefaults(workDir)).build());
    }

    private void stop() {
        closeClients();
        if (local != null) {
            local.close();
            local = null;
        }
        if (workDir != null) {
            deleteRecursively(workDir);
            workDir = null;
        }
    }

    // ---- the environment ----

    public LocalDirectory local() {
        return requireStarted();
    }

    public LocalMixnet sim() {
        return requireStarted().sim();
    }

    public NymAddress directoryAddress() {
        return requireStarted().address();
    }

    /** Address, key and the extension's timeout: what the extension's clients use. */
    public ClientConfig clientConfig() {
        return requireStarted().clientConfig().withReplyTimeout(timeout).withConnectTimeout(timeout);
    }

    /** How long tests should wait for anything to arrive. */
    public Duration timeout() {
        return timeout;
    }

    /** A temp folder of this run (deleted afterwards), for key files and such. */
    public Path workDir() {
        requireStarted();
        return workDir;
    }

    /** A username no other test of this extension gets: {@code prefix}, a counter and a random run id. */
    public String uniqueName(String prefix) {
        return prefix + "_" + runId + "_" + names.incrementAndGet();
    }

    /** A nym-client of the local mixnet with a stable address for {@code name}. */
    public URI nymClientUrl(String name) {
        return sim().clientUrl(name);
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
        NymdirClient c = NymdirClient.connect(nymClientUrl(uniqueName("nym")), config, me, peers);
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    /** A connected client of a new, registered user (registering also points the directory at it). */
    public NymdirClient registered(String prefix) throws ClientException, InterruptedException {
        NymdirClient c = client(prefix);
        c.register();
        return c;
    }

    private void closeClients() {
        List<NymdirClient> toClose;
        synchronized (clients) {
            toClose = new ArrayList<>(clients);
            clients.clear();
        }
        toClose.forEach(NymdirClient::close);
    }

    private LocalDirectory requireStarted() {
        if (local == null) {
            throw new IllegalStateException("the local directory runs only during tests: register the extension"
                    + " with @RegisterExtension");
        }
        return local;
    }

    static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
