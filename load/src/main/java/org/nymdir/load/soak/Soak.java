package org.nymdir.load.soak;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.nymdir.app.LocalDirectory;
import org.nymdir.client.ClientConfig;
import org.nymdir.client.ClientException;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Peer;
import org.nymdir.client.Route;
import org.nymdir.client.UserIdentity;
import org.nymdir.directory.limits.Limit;
import org.nymdir.sim.Faults;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimStats;

/**
 * The soak: a local mixnet with delay and loss, a directory on SQLite, and {@code users} nymCHAT clients, all
 * in this process; a bounded number of mixed requests; then the accounts. Every send answered
 * {@code success} must in the end have reached its recipient, or still be in the mailbox, or have expired.
 *
 * <p>Phases:
 * <ol>
 *   <li>Set-up, with loss off: the users register, and each receives one message and acks it, so the
 *       directory knows every user as an acking client (before a client's first ack the directory can only
 *       give it v1 delivery: handed to the nym-client, then forgotten).</li>
 *   <li>Load, with loss on: one worker per user issues requests from a shared budget: sends with unique
 *       texts, lookups (also of unknown users), logins, bad requests from separate clients, and reconnects
 *       (a new client run, so a new sender tag, and a login).</li>
 *   <li>Drain, loss still on: what the mixnet lost is recovered the way a real client recovers it: each user
 *       reconnects and logs in, and the directory sends its unacknowledged mail to the new tag. Repeated
 *       until every accepted send was received and the mailbox is empty, or the time is up.</li>
 *   <li>Accounts: the directory stops; its mailbox is read from the database file and decrypted.</li>
 * </ol>
 */
final class Soak {
    /** Rate limits of the soak's directory. */
    enum Limits {
        /** Every limit on, far above what the soak's own load needs (the limiter stays on the request path). */
        RAISED,
        /** The directory's defaults: the soak's load will be refused now and then; refusals are counted. */
        DEFAULT,
        /** Every limit off. */
        OFF
    }

    record Settings(int requests, int users, Duration latency, Duration jitter, double loss, long seed,
                    Duration maxTime, Duration replyTimeout, Limits limits, int badClients) {
        Faults faults(double withLoss) {
            return Faults.NONE.withLatency(latency).withJitter(jitter).withLoss(withLoss);
        }
    }

    private static final Duration SETUP_WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final int MAX_DRAIN_ROUNDS = 30;
    private static final int LOGIN_ATTEMPTS = 5;
    private static final String RAISED_RATE = "100000/1000000";

    /** Per mille of requests, by kind. */
    private static final Map<Tally.Op, Integer> MIX = mix();

    private final Settings s;
    private final PrintWriter progress;
    private final Tally tally = new Tally();
    private final AtomicLong tickets = new AtomicLong();
    private final List<SoakUser> users = new ArrayList<>();
    private final Map<String, UserIdentity> identities = new LinkedHashMap<>();
    private final Set<Long> warmup = ConcurrentHashMap.newKeySet();
    private final long started = System.nanoTime();
    private volatile String phase = "set-up";
    private LocalDirectory local;

    Soak(Settings settings, PrintWriter progress) {
        this.s = settings;
        this.progress = progress;
    }

    private static Map<Tally.Op, Integer> mix() {
        Map<Tally.Op, Integer> m = new LinkedHashMap<>();
        m.put(Tally.Op.SEND, 800);
        m.put(Tally.Op.LOOKUP, 100);
        m.put(Tally.Op.LOOKUP_UNKNOWN, 25);
        m.put(Tally.Op.LOGIN, 40);
        m.put(Tally.Op.BAD, 30);
        m.put(Tally.Op.RECONNECT, 5);
        return m;
    }

    /** The directory's rate-limit variables for {@code limits}. */
    static Map<String, String> limitSettings(Limits limits) {
        Map<String, String> vars = new HashMap<>();
        for (Limit limit : Limit.values()) {
            switch (limits) {
                case RAISED -> vars.put(limit.settingName(), RAISED_RATE);
                case OFF -> vars.put(limit.settingName(), "off");
                case DEFAULT -> { }
            }
        }
        return vars;
    }

    static String describe(Limits limits) {
        return switch (limits) {
            case RAISED -> "raised (every limit " + RAISED_RATE + ")";
            case DEFAULT -> "the directory's defaults";
            case OFF -> "off";
        };
    }

    /** Runs every phase under {@code workDir}. */
    SoakResult run(Path workDir) throws IOException, InterruptedException {
        long deadline = started + s.maxTime().toNanos();
        long loadDeadline = deadline - Math.min(s.maxTime().toNanos() / 4, Duration.ofMinutes(3).toNanos());
        local = LocalDirectory.builder(workDir).sim(b -> b.seed(s.seed()).faults(s.faults(0)))
                .settings(limitSettings(s.limits())).start();
        LocalMixnet sim = local.sim();
        boolean closed = false;
        try {
            Phases p = phases(sim, deadline, loadDeadline);
            // The last acks left as the clients closed; give them the time to arrive.
            awaitMailbox(0, Duration.ofSeconds(5));
            SimStats stats = sim.stats();
            long mailboxAtStop = local.directory().mailboxSize();
            long expired = local.directory().expiredMessages();
            Path database = local.files().database();
            local.close();
            closed = true;
            MailboxAudit audit = MailboxAudit.read(database, identities, tally.accepted, tally.delivered);
            return new SoakResult(s, tally, tickets.get() >= s.requests(), p.loadNanos(), p.drainNanos(),
                    p.rounds(), System.nanoTime() - started, audit, mailboxAtStop, expired, stats, warmup.size());
        } finally {
            if (!closed) {
                local.close();
            }
        }
    }

    private record Phases(long loadNanos, long drainNanos, int rounds) {}

    /** Set-up, load and drain; every client is closed when this returns. */
    private Phases phases(LocalMixnet sim, long deadline, long loadDeadline) throws IOException, InterruptedException {
        Thread reporter = Thread.ofVirtual().name("soak-progress").start(this::reportProgress);
        List<Mallory> mallories = new ArrayList<>();
        try {
            setUp();
            for (int i = 0; i < s.badClients(); i++) {
                mallories.add(Mallory.connect(sim.clientsUrl(), local.address(), local.publicKey(), s.replyTimeout()));
            }
            sim.faults(s.faults(s.loss()));
            note("set-up done: %d users registered, each received a message and acked it; loss on", users.size());

            phase = "load";
            long loadStart = System.nanoTime();
            load(new ArrayBlockingQueue<>(mallories.size(), false, mallories), loadDeadline);
            long loadNanos = System.nanoTime() - loadStart;

            note("load done: %d requests", tally.issued());
            phase = "drain";
            long drainStart = System.nanoTime();
            int rounds = drain(deadline);
            note("drain done after %d rounds: %d accepted sends not received, %d messages in the mailbox", rounds,
                    tally.undelivered(), local.directory().mailboxSize());
            return new Phases(loadNanos, System.nanoTime() - drainStart, rounds);
        } finally {
            phase = "stopping";
            reporter.interrupt();
            reporter.join();
            mallories.forEach(Mallory::close);
            users.forEach(SoakUser::close);
        }
    }

    /** Users connect and register; each receives one message and acks it. Loss is off meanwhile. */
    private void setUp() throws InterruptedException, IOException {
        SecureRandom random = new SecureRandom();
        ClientConfig config = local.clientConfig().withReplyTimeout(s.replyTimeout())
                .withConnectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i < s.users(); i++) {
            String name = String.format("soak%04d", i);
            UserIdentity identity = UserIdentity.generate(name, random);
            identities.put(name, identity);
            users.add(new SoakUser(identity, local.sim().clientUrl(name), config, tally));
        }
        note("set-up: %d keys made", users.size());
        parallel(users, u -> {
            u.start();
            u.client().register();
        });
        note("set-up: %d users connected and registered", users.size());
        parallel(users, u -> {
            int i = users.indexOf(u);
            String to = users.get((i + 1) % users.size()).name();
            long seq = -(i + 1L);
            u.client().send(to, Tally.text(seq, u.name(), to, "warm-up"), Route.DIRECTORY);
            warmup.add(seq);
        });
        long until = System.nanoTime() + SETUP_WAIT.toNanos();
        while (!tally.delivered.containsAll(warmup)
                || !users.stream().allMatch(u -> local.directory().isAckingClient(u.name()))) {
            if (System.nanoTime() > until) {
                throw new IOException("set-up: the warm-up messages were not all received and acked within "
                        + SETUP_WAIT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    private interface UserTask {
        void run(SoakUser user) throws Exception;
    }

    private static void parallel(List<SoakUser> users, UserTask task) throws InterruptedException, IOException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (SoakUser u : users) {
                done.add(pool.submit(() -> {
                    task.run(u);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IOException("set-up failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
    }

    // ---------------------------------------------------------------- load

    private void load(BlockingQueue<Mallory> mallories, long loadDeadline) throws InterruptedException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < users.size(); i++) {
                int index = i;
                pool.submit(() -> {
                    work(index, mallories, loadDeadline);
                    return null;
                });
            }
        }
    }

    private void work(int index, BlockingQueue<Mallory> mallories, long loadDeadline) throws InterruptedException {
        SoakUser me = users.get(index);
        Random random = new Random(s.seed() * 1_000_003L + index);
        while (System.nanoTime() < loadDeadline) {
            long seq = tickets.getAndIncrement();
            if (seq >= s.requests()) {
                tickets.decrementAndGet(); // not issued: keep the count exact
                return;
            }
            Tally.Op op = pick(random);
            tally.op(op).issued.increment();
            try {
                switch (op) {
                    case SEND -> send(me, index, seq, random);
                    case LOOKUP -> lookup(me, other(index, random));
                    case LOOKUP_UNKNOWN -> lookupUnknown(me, seq);
                    case LOGIN -> login(me.client(), Tally.Op.LOGIN, 1);
                    case BAD -> bad(me, index, mallories, random);
                    case RECONNECT -> login(me.reconnect(), Tally.Op.RECONNECT, LOGIN_ATTEMPTS);
                }
            } catch (ClientException e) {
                tally.linkFailures.increment();
                tally.wrong(op, e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                tally.wrong(op, "exception " + e);
            }
        }
    }

    private static Tally.Op pick(Random random) {
        int r = random.nextInt(1000);
        for (Map.Entry<Tally.Op, Integer> e : MIX.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        return Tally.Op.SEND;
    }

    private SoakUser other(int index, Random random) {
        int j = random.nextInt(users.size() - 1);
        return users.get(j >= index ? j + 1 : j);
    }

    private void send(SoakUser me, int index, long seq, Random random) throws InterruptedException {
        String to = other(index, random).name();
        String text = Tally.text(seq, me.name(), to, HexFormat.of().toHexDigits(random.nextInt()));
        try {
            me.client().send(to, text, Route.DIRECTORY);
            tally.accepted.add(seq);
            tally.op(Tally.Op.SEND).ok.increment();
        } catch (ClientException.Timeout e) {
            tally.sendsUnanswered.add(seq);
            tally.op(Tally.Op.SEND).unanswered.increment();
        } catch (ClientException.DirectoryError e) {
            tally.sendsRefused.add(seq);
            tally.refused(Tally.Op.SEND, e.wireText());
        } catch (ClientException e) {
            tally.wrong(Tally.Op.SEND, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void lookup(SoakUser me, SoakUser target) throws InterruptedException {
        try {
            Peer peer = me.client().lookup(target.name());
            if (peer.publicKeyPem().equals(target.identity().publicKeyPem())) {
                tally.op(Tally.Op.LOOKUP).ok.increment();
            } else {
                tally.wrong(Tally.Op.LOOKUP, "another key than the one registered");
            }
        } catch (ClientException.Timeout e) {
            tally.op(Tally.Op.LOOKUP).unanswered.increment();
        } catch (ClientException.DirectoryError e) {
            tally.refused(Tally.Op.LOOKUP, e.wireText());
        } catch (ClientException e) {
            tally.wrong(Tally.Op.LOOKUP, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void lookupUnknown(SoakUser me, long seq) throws InterruptedException {
        try {
            me.client().lookup("nobody" + seq);
            tally.wrong(Tally.Op.LOOKUP_UNKNOWN, "found a user that does not exist");
        } catch (ClientException.UserUnknown e) {
            tally.op(Tally.Op.LOOKUP_UNKNOWN).ok.increment();
        } catch (ClientException.Timeout e) {
            tally.op(Tally.Op.LOOKUP_UNKNOWN).unanswered.increment();
        } catch (ClientException.DirectoryError e) {
            tally.refused(Tally.Op.LOOKUP_UNKNOWN, e.wireText());
        } catch (ClientException e) {
            tally.wrong(Tally.Op.LOOKUP_UNKNOWN, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Logs in, trying again up to {@code attempts} times when the mixnet lost the request or its answer. */
    private boolean login(NymdirClient client, Tally.Op op, int attempts) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.login();
                if (op != null) {
                    tally.op(op).ok.increment();
                }
                return true;
            } catch (ClientException.Timeout e) {
                if (attempt >= attempts) {
                    if (op != null) {
                        tally.op(op).unanswered.increment();
                    }
                    return false;
                }
            } catch (ClientException.DirectoryError e) {
                if (op != null) {
                    tally.refused(op, e.wireText());
                }
                return false;
            } catch (ClientException e) {
                if (op != null) {
                    tally.wrong(op, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                return false;
            }
        }
    }

    private void bad(SoakUser me, int index, BlockingQueue<Mallory> mallories, Random random)
            throws InterruptedException {
        List<Mallory.Case> cases = Mallory.cases(me.name(), other(index, random).name(), random);
        Mallory.Case c = cases.get(random.nextInt(cases.size()));
        Mallory m = mallories.take();
        try {
            Mallory.Result r = m.run(c);
            switch (r.verdict()) {
                case OK -> tally.op(Tally.Op.BAD).ok.increment();
                case UNANSWERED -> tally.op(Tally.Op.BAD).unanswered.increment();
                case UNANSWERABLE -> {
                    tally.unanswerable.increment();
                    tally.op(Tally.Op.BAD).ok.increment();
                }
                case WRONG -> tally.wrong(Tally.Op.BAD, r.detail());
            }
        } finally {
            mallories.put(m);
        }
    }

    // ---------------------------------------------------------------- drain

    /**
     * Recovers what the mixnet lost: every user starts a new client run and logs in; the directory sends its
     * unacknowledged mail to the new tag. Returns the number of rounds.
     */
    private int drain(long deadline) throws InterruptedException {
        settle(Duration.ofSeconds(20), deadline);
        int rounds = 0;
        while (!complete() && System.nanoTime() < deadline && rounds < MAX_DRAIN_ROUNDS) {
            rounds++;
            phase = "drain round " + rounds;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (SoakUser u : users) {
                    pool.submit(() -> {
                        try {
                            login(u.reconnect(), null, LOGIN_ATTEMPTS);
                        } catch (ClientException e) {
                            tally.linkFailures.increment();
                        }
                        return null;
                    });
                }
            }
            settle(Duration.ofSeconds(30), deadline);
        }
        return rounds;
    }

    private boolean complete() {
        return tally.undelivered() == 0 && local.directory().mailboxSize() == 0;
    }

    /** Waits until everything is in, or nothing changed for a while, or {@code max} passed. */
    private void settle(Duration max, long deadline) throws InterruptedException {
        long until = Math.min(System.nanoTime() + max.toNanos(), deadline);
        long lastChange = System.nanoTime();
        long lastDelivered = -1;
        long lastMailbox = -1;
        while (System.nanoTime() < until) {
            long delivered = tally.delivered.size();
            long mailbox = local.directory().mailboxSize();
            if (delivered != lastDelivered || mailbox != lastMailbox) {
                lastDelivered = delivered;
                lastMailbox = mailbox;
                lastChange = System.nanoTime();
            }
            if (complete() || System.nanoTime() - lastChange > QUIET.toNanos()) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private void awaitMailbox(long size, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (local.directory().mailboxSize() > size && System.nanoTime() < until) {
            Thread.sleep(100);
        }
    }

    // ---------------------------------------------------------------- progress

    private void note(String format, Object... args) {
        synchronized (progress) {
            progress.printf(Locale.ROOT, "soak %6.1f s  %s%n", seconds(), String.format(Locale.ROOT, format, args));
            progress.flush();
        }
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void reportProgress() {
        try {
            while (true) {
                Thread.sleep(PROGRESS_EVERY);
                long accepted = tally.accepted.size();
                long undelivered = tally.undelivered();
                note("%-14s %d/%d requests, %d accepted, %d of them delivered, %d unanswered,"
                                + " %d refused, %d in the mailbox", phase, tally.issued(), s.requests(),
                        accepted, accepted - undelivered, tally.total(c -> c.unanswered), tally.total(c -> c.refused),
                        local.directory().mailboxSize());
            }
        } catch (InterruptedException e) {
            // done
        }
    }
}
