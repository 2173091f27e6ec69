package org.nymdir.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.nymdir.app.admin.BlockedUsers;
import org.nymdir.app.admin.LocalAdmin;
import org.nymdir.app.metrics.DirectoryMeters;
import org.nymdir.app.metrics.Readiness;
import org.nymdir.app.metrics.RequestMetrics;
import org.nymdir.app.ops.BuildInfo;
import org.nymdir.app.ops.KeyGuard;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.EcdsaProvider;
import org.nymdir.crypto.ServerIdentity;
import org.nymdir.dialect.v1.V1Dialect;
import org.nymdir.directory.Directory;
import org.nymdir.crypto.DecoyKeys;
import org.nymdir.directory.DirectoryConfig;
import org.nymdir.directory.Stores;
import org.nymdir.directory.EcdsaVerifier;
import org.nymdir.directory.Nonces;
import org.nymdir.mixnet.MixnetLink;
import org.nymdir.mixnet.ExponentialBackoff;
import org.nymdir.mixnet.NymClientLink;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.store.PrivateFiles;
import org.nymdir.store.StoreAdmin;
import org.nymdir.store.StoreException;
import org.nymdir.store.sqlite.SqliteDatabase;
import org.nymdir.store.postgres.NodeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.nymdir.app.settings.ServeSettings;

/**
 * A running directory: the composition root. Wires store, identity, dialect, directory, pipeline and the
 * nym-client link with plain {@code new}, starts them in order, and stops them in reverse order so that
 * requests in flight finish and their replies leave before the database closes.
 */
public final class DirectoryServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DirectoryServer.class);

    private final StoreBackend backend;
    private final DatabaseLock lock; // SQLite only (null on PostgreSQL, whose nodes share one database)
    private final Stores stores;
    private final MixnetLink link;
    private final SerialLanes lanes;
    private final Pipeline pipeline;
    private final ServerIdentity identity;
    private final ScheduledExecutorService housekeeping;
    private final Resume resume;
    private final RequestMetrics metrics;
    private final DirectoryMeters meters;
    private final EcdsaProvider ecdsaProvider;
    private final AtomicLong expired = new AtomicLong();
    private final CountDownLatch published = new CountDownLatch(1);
    private volatile NymAddress address;
    private volatile ClusterNode cluster;
    private volatile Directory directory;
    private volatile LocalAdmin admin;

    private DirectoryServer(StoreBackend backend, Stores stores, MixnetLink link, SerialLanes lanes,
                            Pipeline pipeline, ServerIdentity identity, ScheduledExecutorService housekeeping,
                            Resume resume, RequestMetrics metrics, DirectoryMeters meters,
                            EcdsaProvider ecdsaProvider, DatabaseLock lock) {
        this.backend = backend;
        this.meters = meters;
        this.ecdsaProvider = ecdsaProvider;
        this.lock = lock;
        this.stores = stores;
        this.housekeeping = housekeeping;
        this.resume = resume;
        this.metrics = metrics;
        this.link = link;
        this.lanes = lanes;
        this.pipeline = pipeline;
        this.identity = identity;
    }

    /** Opens everything and starts connecting to the nym-client; returns without waiting for it. */
    public static DirectoryServer start(ServeConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /**
     * As {@link #start(ServeConfig)}, with the clock every time-based decision reads (challenge expiry, rate
     * limits, mailbox TTL and expiry, tag freshness, presence): the system clock in production, a clock the
     * test moves in tests that wait for time to pass.
     */
    public static DirectoryServer start(ServeConfig config, Clock clock) throws IOException {
        return start(config, clock, null);
    }

    /**
     * As {@link #start(ServeConfig, Clock)}, with what the free-space floor reads as free bytes (a test's seam;
     * {@code null}: the disk's).
     */
    public static DirectoryServer start(ServeConfig config, Clock clock, LongSupplier usableBytes)
            throws IOException {
        // before anything is opened or written: a second serve on this database stops here, naming it
        // (SQLite only: PostgreSQL nodes are meant to share their database)
        DatabaseLock lock = config.database().postgres().isPresent() ? null
                : DatabaseLock.acquire(config.databasePath());
        try {
            return start(config, clock, usableBytes, lock);
        } catch (IOException | RuntimeException | Error e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    private static DirectoryServer start(ServeConfig config, Clock clock, LongSupplier usableBytes,
                                         DatabaseLock lock) throws IOException {
        Ecdsa ecdsa = new Ecdsa(ecdsaProvider(config));
        log.info("ECDSA provider: {}", ecdsa.provider().name());
        HeapBudget memory = HeapBudget.forThisJvm();
        log.info("memory bounds: {} MiB of the {} MiB heap for queues, caches and pending state",
                memory.total() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        StoreBackend backend = openStore(config, memory.presenceBytes(), usableBytes);
        Stores stores = backend.stores();
        ServerIdentity identity;
        try {
            long users = stores.users().countUsers();
            log.info("store: {} ({} users, {} messages waiting)", backend.description(), users,
                    stores.mailbox().size());
            KeyGuard.check(config.privateKeyFile(), backend.admin().location(), users,
                    config.ops().allowNewServerKey());
            identity = loadIdentity(config, ecdsa);
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
        DirectoryConfig directoryConfig = DirectoryConfig.defaults().withRelay(config.relay())
                .withRates(config.rates()).withChallenges(memory.challenges()).withMemory(memory.directory())
                .withCorrespondenceSecret(identity.derivedSecret("nymdir mailbox correspondence v1"))
                .withNames(config.names());
        BlockedUsers blocked = new BlockedUsers(backend.admin(), clock);
        Directory directory = new Directory(stores, new EcdsaVerifier(ecdsa, memory.parsedKeyBytes()),
                new Nonces(new SecureRandom()), clock, directoryConfig, blocked,
                new DecoyKeys(identity.derivedSecret("nymdir membership hiding: decoy keys")));
        if (config.names().hideMembership()) {
            log.info("membership hiding on: unknown names answer decoy keys");
        }
        MixnetLink link = new NymClientLink(config.websocketUrl(), config.outboundQueue(), memory.outboundBytes(),
                8 * config.maxRequestBytes() + 64 * 1024, ExponentialBackoff.DEFAULT);
        SerialLanes lanes = new SerialLanes(config.lanes(), memory.requestQueueBytes());
        RequestMetrics metrics = new RequestMetrics();
        DirectoryMeters meters = new DirectoryMeters();
        Pipeline pipeline = new Pipeline(new V1Dialect(identity, config.maxRequestBytes()), directory, link, lanes,
                metrics, meters);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("housekeeping").daemon().factory());
        // Mail accepted before a stop or crash, whose recipients are still reachable, goes out again.
        Resume resume = new Resume(directory, pipeline, memory.resumeWindowBytes());
        DirectoryServer server = new DirectoryServer(backend, stores, link, lanes, pipeline, identity, housekeeping,
                resume, metrics, meters, ecdsa.provider(), lock);
        server.registerGauges();
        server.admin = new LocalAdmin(BuildInfo.VERSION, stores, backend.admin(), blocked,
                new LocalAdmin.Link(link::isConnected, link::connections), clock, config.names().quarantine());
        link.start(pipeline);
        resume.start();
        if (backend instanceof StoreBackend.Postgres shared) {
            server.cluster = ClusterNode.start(shared, directory, pipeline, clock, config.database().pollEvery(),
                    server::address);
        }
        server.directory = directory;
        // How often to look is wall time on the scheduler; what has expired is decided by the directory's clock.
        housekeeping.scheduleWithFixedDelay(() -> server.expire(directory), 1, 60, TimeUnit.SECONDS);
        // Blocks written by another process (admin on the files, another node) take effect within this period.
        housekeeping.scheduleWithFixedDelay(() -> server.refreshBlocked(blocked), 30, 30, TimeUnit.SECONDS);
        Thread.ofVirtual().name("address-publisher").start(() -> server.publishAddress(config.nymAddressFile()));
        return server;
    }

    /**
     * Read at each scrape; the store's counts at most every 30 s (they scan tables, and a scrape is anyone's on
     * the stats port): messages and bytes come from one query, through the store's admin interface.
     */
    private void registerGauges() {
        meters.cachedGauge("users", "registered users", stores.users()::countUsers, Duration.ofSeconds(30));
        java.util.function.Supplier<StoreAdmin.MailboxTotals> mail = DirectoryMeters.memo(
                backend.admin()::mailboxTotals, Duration.ofSeconds(30));
        meters.gauge("mailbox.messages", "messages waiting in the mailbox", mail, m -> m.get().messages());
        meters.gauge("mailbox.bytes", "bytes of the message bodies waiting in the mailbox", mail,
                m -> m.get().bytes());
        meters.gauge("link.up", "1 while the WebSocket to the nym-client is up", link, l -> l.isConnected() ? 1 : 0);
        meters.gauge("link.connections", "connections made to the nym-client (reconnects: this minus one)", link,
                MixnetLink::connections);
        meters.gauge("queue.outbound", "replies and deliveries waiting for the nym-client", link,
                MixnetLink::queuedOutbound);
        meters.gauge("queue.requests", "requests queued or running in the sender lanes", lanes, SerialLanes::pending);
    }

    /** 200 on /health/ready only while the link is up and the store answers a read within two seconds. */
    public Readiness readiness() {
        return new Readiness(link::isConnected, backend.admin()::ping, Duration.ofSeconds(2));
    }

    /** The admin operations on this node's stores, for its control endpoint. */
    public LocalAdmin admin() {
        return admin;
    }

    private void refreshBlocked(BlockedUsers blocked) {
        try {
            blocked.refresh();
        } catch (RuntimeException e) {
            meters.storeError("blocklist");
            log.error("reading the blocked users failed: {}", e.toString());
        }
    }

    /** The Prometheus meters. */
    public DirectoryMeters meters() {
        return meters;
    }

    private void expire(Directory directory) {
        try {
            int names = directory.expireNames();
            if (names > 0) {
                log.info("{} unused names expired (deleted and quarantined)", names);
            }
        } catch (RuntimeException e) {
            log.error("name expiry failed: {}", e.toString());
        }
        try {
            int n = directory.expireMail();
            meters.expired(n);
            if (n > 0) {
                expired.addAndGet(n);
                log.warn("{} undelivered messages expired from the mailbox", n);
            }
        } catch (RuntimeException e) {
            meters.storeError("expiry");
            log.error("mailbox expiry failed: {}", e.toString());
        }
    }

    private static EcdsaProvider ecdsaProvider(ServeConfig config) throws CannotStart {
        try {
            return EcdsaProvider.forPreference(config.cryptoProvider());
        } catch (IllegalStateException e) {
            throw new CannotStart(ServeSettings.CRYPTO_PROVIDER.name() + "="
                    + config.cryptoProvider().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage(), e);
        }
    }

    private static StoreBackend openStore(ServeConfig config, long presenceCacheBytes,
                                          LongSupplier usableBytes) throws CannotStart {
        try {
            return StoreBackend.open(config, presenceCacheBytes, usableBytes);
        } catch (StoreException | IOException e) {
            String where = config.database().postgres().isPresent()
                    ? ServeSettings.DATABASE_URL.name() + "=" + config.database().postgres().get().displayUrl()
                    : ServeSettings.DATABASE_PATH.name() + "=" + config.databasePath();
            throw new CannotStart(where + ": " + e.getMessage() + (config.database().postgres().isPresent()
                    ? "; check that PostgreSQL runs and the role may connect"
                    : "; check that its folder is writable and the file is a SQLite database"), e);
        }
    }

    private static ServerIdentity loadIdentity(ServeConfig config, Ecdsa ecdsa) throws CannotStart {
        ServerIdentity identity;
        String settings = ServeSettings.KEYS_DIR.name() + "=" + config.keysDir() + ", "
                + ServeSettings.SECRET_PATH.name() + "=" + config.secretPath() + ": ";
        try {
            identity = ServerIdentity.loadOrCreate(config.keysDir(), config.nymClientId(), config.secretPath(), ecdsa,
                    new SecureRandom());
        } catch (org.nymdir.crypto.InvalidKeyMaterialException e) {
            throw new CannotStart(settings + e.getMessage(), e);
        } catch (IOException e) {
            throw new CannotStart(settings + "cannot read or write the key files (" + e + "); check the folders'"
                    + " owner and mode", e);
        }
        ServerIdentity.Report report = identity.report();
        if (report.secretCreated()) {
            log.warn("no password file was found: created {} with a random secret (mode 0600); back it up",
                    config.secretPath());
        }
        if (report.keyCreated()) {
            log.info("generated a new server key in {}", config.keysDir());
        }
        log.info("server public key ({}):\n{}", config.publicKeyFile(), identity.publicKeyPem().strip());
        return identity;
    }

    private void publishAddress(Path file) {
        try {
            NymAddress a;
            while ((a = link.awaitSelfAddress(Duration.ofSeconds(30))) == null) {
                log.info("still waiting for the nym-client to tell our address");
            }
            Path parent = file.toAbsolutePath().getParent();
            PrivateFiles.createFolders(parent);
            // Written whole or not at all: clients may read it at any moment.
            Path temp = Files.createTempFile(parent, ".nym_address", ".tmp");
            Files.writeString(temp, a.text(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            address = a;
            published.countDown();
            log.info("our nym address is {} (written to {})", a.text(), file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("cannot write the address file {}: {}", file, e.toString());
        }
    }

    /** Our nym address, waiting up to {@code timeout} for the nym-client to tell it; null if it did not. */
    public NymAddress awaitAddress(Duration timeout) throws InterruptedException {
        return link.awaitSelfAddress(timeout);
    }

    /** Request latencies, for the stats endpoint. */
    public RequestMetrics metrics() {
        return metrics;
    }

    /** The ECDSA provider that signs our replies and verifies requests. */
    public EcdsaProvider ecdsaProvider() {
        return ecdsaProvider;
    }

    public String publicKeyPem() {
        return identity.publicKeyPem();
    }

    /** Our nym address once it was published to the address file; null before. */
    public NymAddress address() {
        return address;
    }

    /** Our nym address, waiting up to {@code timeout} until it is in the address file; null if it was not. */
    public NymAddress awaitPublishedAddress(Duration timeout) throws InterruptedException {
        return published.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? address : null;
    }

    /**
     * The names housekeeping of each minute, now: expires unused accounts (when NYMDIR_NAME_EXPIRY is set) and
     * frees names whose quarantine ended, by the directory's clock; returns how many accounts expired.
     */
    public int sweepNames() {
        return directory.expireNames();
    }

    /** The SQLite database, for tests that look into it or make its disk fill (max_page_count). */
    public SqliteDatabase sqliteDatabase() {
        if (backend instanceof StoreBackend.Sqlite sqlite) {
            return sqlite.database();
        }
        throw new IllegalStateException("this node runs on PostgreSQL");
    }

    /** Messages waiting in the mailbox now (undelivered, or delivered to an acking client and not acked yet). */
    public long mailboxSize() {
        return stores.mailbox().size();
    }

    /** Bytes the waiting messages count against the mailbox cap (see {@code MailboxMessage.storedBytes}). */
    public long mailboxBytes() {
        return stores.mailbox().storedBytes();
    }

    /** Messages waiting for {@code username}: not yet delivered, or delivered to an acking client and not acked. */
    public int waitingFor(String username) {
        return stores.mailbox().count(username);
    }

    /** Undelivered messages that expired from the mailbox since this server started. */
    public long expiredMessages() {
        return expired.get();
    }

    /** The nodes on this node's PostgreSQL database and their heartbeats; empty on SQLite. */
    public List<NodeStatus> nodes() {
        return cluster == null ? List.of() : cluster.nodes();
    }

    /** Whether {@code username} acked once (nymdir's extension), so its mail is kept until acked. */
    public boolean isAckingClient(String username) {
        return stores.presence().isAcking(username);
    }

    /** Stops taking requests, finishes those in flight, flushes replies, closes the database. */
    @Override
    public void close() {
        resume.close();
        pipeline.stopAccepting();
        if (cluster != null) {
            cluster.close(); // no more claims: what is not claimed waits for this node's restart or a takeover
        }
        try {
            if (!lanes.awaitIdle(10, TimeUnit.SECONDS)) {
                log.warn("{} requests still in flight at shutdown", lanes.pending());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lanes.close();
        housekeeping.shutdownNow();
        link.close();
        pipeline.awaitDeliveryReports();
        backend.close();
        meters.close();
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("releasing {}: {}", lock.file(), e.toString());
            }
        }
        log.info("directory stopped");
    }

    /** Closes the stores (not their database) in reverse order of use. */
    static void closeStores(Stores stores) {
        stores.presence().close();
        stores.mailbox().close();
        stores.users().close();
    }
}
