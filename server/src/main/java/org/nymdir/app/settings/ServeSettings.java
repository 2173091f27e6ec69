package org.nymdir.app.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nymdir.crypto.EcdsaProvider;
import org.nymdir.crypto.Hashcash;
import org.nymdir.directory.NamePolicy;
import org.nymdir.directory.RelayPolicy;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.Rate;

/**
 * Every setting of {@code nymdir serve}, declared once: from these come its flags, {@code serve --help}, the
 * error messages, and {@code ServeConfig}. The first seven are the original server's variables, so its
 * {@code .env} works unchanged; nothing is required.
 */
public final class ServeSettings {
    public static final Setting<String> NYM_CLIENT_ID = Setting.of("NYM_CLIENT_ID", "--nym-client-id", "ID",
            "nym_server", "names the key files",
            Parsers.text("[A-Za-z0-9_.-]{1,64}", "must be 1-64 of A-Z a-z 0-9 _ . - (it names the key files)"));
    public static final Setting<URI> WEBSOCKET_URL = Setting.of("WEBSOCKET_URL", "--websocket-url", "URL",
            "ws://127.0.0.1:1977", "our nym-client's WebSocket", Parsers.websocketUrl());
    public static final Setting<Path> DATABASE_PATH = Setting.of("DATABASE_PATH", "--database", "FILE", null,
            "the SQLite database; the original's file opens as is (default storage/<NYM_CLIENT_ID>.db)",
            Parsers.path());
    public static final Setting<Path> KEYS_DIR = Setting.of("KEYS_DIR", "--keys-dir", "DIR", "storage/keys",
            "the server key: <NYM_CLIENT_ID>_private_key.enc, <NYM_CLIENT_ID>_public_key.pem", Parsers.path());
    public static final Setting<Path> SECRET_PATH = Setting.of("SECRET_PATH", "--secret-path", "FILE",
            "secrets/encryption_password", "password of the server key; created (random, mode 0600) if missing",
            Parsers.path());
    public static final Setting<Path> LOG_FILE_PATH = Setting.of("LOG_FILE_PATH", "--log-file", "FILE",
            "storage/app.log", "log file, appended to (logs also go to stderr)", Parsers.path());
    public static final Setting<Path> NYM_ADDRESS_FILE = Setting.of("NYM_ADDRESS_FILE", "--address-file", "FILE",
            null, "our nym address, written at every start, for clients (default nym_address.txt beside the"
                    + " database)", Parsers.path());
    public static final Setting<Integer> MAX_REQUEST_BYTES = Setting.of("NYMDIR_MAX_REQUEST_BYTES",
            "--max-request-bytes", "BYTES", "262144", "larger requests are refused",
            Parsers.integer(1024, 64 * 1024 * 1024));
    public static final Setting<Integer> OUTBOUND_QUEUE = Setting.of("NYMDIR_OUTBOUND_QUEUE", "--outbound-queue",
            "MESSAGES", "100000", "replies and deliveries that may wait for the nym-client while it is away",
            Parsers.integer(1, 10_000_000));
    public static final Setting<Duration> MAILBOX_TTL = Setting.of("NYMDIR_MAILBOX_TTL", "--mailbox-ttl",
            "DURATION", text(RelayPolicy.defaults().mailboxTtl()),
            "undelivered messages expire after this (ms, s, m, h or d)", Parsers.duration());
    public static final Setting<Duration> TAG_FRESHNESS = Setting.of("NYMDIR_TAG_FRESHNESS", "--tag-freshness",
            "DURATION", text(RelayPolicy.defaults().tagFreshness()),
            "a sender tag older than this is unreachable (its reply SURBs are dead); its mail waits",
            Parsers.duration());
    public static final Setting<Integer> MAILBOX_QUOTA = Setting.of("NYMDIR_MAILBOX_QUOTA", "--mailbox-quota",
            "MESSAGES", String.valueOf(RelayPolicy.defaults().recipientQuota()),
            "messages one recipient may have waiting", Parsers.integer(1, 1_000_000));
    public static final Setting<Long> MAILBOX_QUOTA_BYTES = Setting.of("NYMDIR_MAILBOX_QUOTA_BYTES",
            "--mailbox-quota-bytes", "SIZE", "64MiB", "bytes one recipient may have waiting", Parsers.bytes(1));
    public static final Setting<Integer> STRANGER_SHARE = Setting.of("NYMDIR_STRANGER_SHARE", "--stranger-share",
            "PERCENT", RelayPolicy.DEFAULT_STRANGER_PERCENT + "%", "the share of both recipient quotas that senders"
                    + " the recipient never wrote to fill together; the rest stays for those it wrote to",
            Parsers.percent());
    public static final Setting<Long> SENDER_QUOTA_BYTES = Setting.of("NYMDIR_SENDER_QUOTA_BYTES",
            "--sender-quota-bytes", "SIZE", "64MiB", "bytes one sender may have waiting in all mailboxes together",
            Parsers.bytes(1));
    public static final Setting<Long> MAILBOX_CAP_BYTES = Setting.of("NYMDIR_MAILBOX_CAP_BYTES",
            "--mailbox-cap-bytes", "SIZE", "4GiB", "bytes the whole mailbox may hold", Parsers.bytes(1));
    public static final Setting<Long> FREE_SPACE_FLOOR = Setting.of("NYMDIR_FREE_SPACE_FLOOR",
            "--free-space-floor", "SIZE", "256MiB", "free space new mail must leave on the SQLite database's disk;"
                    + " below it sends get 'directory storage full', everything else goes on (0: no floor; not"
                    + " applied on PostgreSQL, whose disk is the database server's)",
            Parsers.bytes(0));
    /** {@code NYMDIR_LIMIT_<LIMIT>}: each rate limit, or {@code off}. */
    public static final Map<Limit, Setting<Optional<Rate>>> LIMITS = limits();
    public static final Setting<Integer> REGISTER_WORK = Setting.of("NYMDIR_REGISTER_WORK", "--register-work",
            "BITS|off", String.valueOf(NamePolicy.DEFAULT_WORK_BITS), "difficulty of the registration puzzle"
                    + " (about 2^BITS hashes); off: none, every registration draws on NYMDIR_LIMIT_REGISTER_NODE",
            offOr(Parsers.integer(1, Hashcash.MAX_BITS), 0));
    public static final Setting<Integer> REGISTER_WORK_MAX = Setting.of("NYMDIR_REGISTER_WORK_MAX",
            "--register-work-max", "BITS", String.valueOf(NamePolicy.DEFAULT_MAX_WORK_BITS),
            "the puzzle's difficulty under load at most (one bit more per doubling of registrations beyond 600 a"
                    + " minute)", Parsers.integer(0, Hashcash.MAX_BITS));
    public static final Setting<Duration> NAME_QUARANTINE = Setting.of("NYMDIR_NAME_QUARANTINE",
            "--name-quarantine", "DURATION", text(NamePolicy.DEFAULT_QUARANTINE),
            "a deleted or expired account's name (and its look-alikes) cannot be registered for this long",
            Parsers.duration());
    public static final Setting<Optional<Duration>> NAME_EXPIRY = Setting.of("NYMDIR_NAME_EXPIRY", "--name-expiry",
            "DURATION|off", "off", "delete accounts whose user was not seen for this long (then quarantined)",
            text -> text.strip().equalsIgnoreCase("off") ? Optional.empty()
                    : Optional.of(Parsers.duration().parse(text)));
    public static final Setting<Boolean> HIDE_MEMBERSHIP = Setting.of("NYMDIR_HIDE_MEMBERSHIP",
            "--hide-membership", "on|off", "off", "answer lookups, logins and sends for unknown names as for known"
                    + " ones (README, Membership hiding)", ServeSettings::onOff);
    public static final Setting<Integer> REQUEST_WORKERS = Setting.of("NYMDIR_REQUEST_WORKERS", "--request-workers",
            "THREADS", "8", "threads that take turns over the senders' request lanes (more only share the CPU"
                    + " thinner)", Parsers.integer(1, 4096));
    public static final Setting<Integer> QUEUED_PER_SENDER = Setting.of("NYMDIR_QUEUED_PER_SENDER",
            "--queued-per-sender", "REQUESTS", "16", "requests queued for one sender tag; more are dropped (a flood)",
            Parsers.integer(1, 1_000_000));
    public static final Setting<EcdsaProvider.Preference> CRYPTO_PROVIDER = Setting.of("NYMDIR_CRYPTO_PROVIDER",
            "--crypto-provider", "auto|jdk|native", "auto", "ECDSA: auto = the native (AWS-LC) provider where it"
                    + " loads and passes its self-test, else the JDK's; jdk; native = refuse to start without it",
            Parsers.oneOf(EcdsaProvider.Preference.class));
    public static final Setting<Integer> STATS_PORT = Setting.of("NYMDIR_STATS_PORT", "--stats-port", "PORT", null,
            "serve GET /health/live, /health/ready, /metrics (Prometheus) and /stats (no user data) on"
                    + " NYMDIR_STATS_HOST at this port; 0 = any free port (logged); off unless set", Parsers.port());

    public static final Setting<String> STATS_HOST = Setting.of("NYMDIR_STATS_HOST", "--stats-host", "ADDRESS",
            "127.0.0.1", "the address the stats port listens on; keep it on loopback unless a firewall guards it",
            Parsers.anyText());
    public static final Setting<Long> LOG_MAX_SIZE = Setting.of("NYMDIR_LOG_MAX_SIZE", "--log-max-size", "SIZE|off",
            "100MB", "rotate LOG_FILE_PATH past this size into LOG_FILE_PATH.1 .. .N; off = never (logrotate, then"
                    + " SIGHUP reopens the file)", ServeSettings::sizeOrOff);
    public static final Setting<Integer> LOG_KEEP = Setting.of("NYMDIR_LOG_KEEP", "--log-keep", "N", "5",
            "rotated log files kept", Parsers.integer(1, 100));
    public static final Setting<Path> ADMIN_TOKEN_FILE = Setting.of("NYMDIR_ADMIN_TOKEN_FILE", "--admin-token-file",
            "FILE", null, "where a running node writes its admin control endpoint's port and token (mode 0600);"
                    + " default admin.token beside the database", Parsers.path());
    public static final Setting<Boolean> NEW_SERVER_KEY = Setting.of("NYMDIR_NEW_SERVER_KEY", "--new-server-key",
            "true|false", "false", "allow making a new server key although the database has users (their clients"
                    + " pinned the old key)", ServeSettings::bool);
    public static final Setting<String> JAVA_OPTS = Setting.of("NYMDIR_JAVA_OPTS", null, "OPTIONS", null,
            "JVM options (heap: -Xmx256m), read by the launchers before the JVM starts", Parsers.anyText());

    public static final Setting<String> DATABASE_URL = Setting.of("NYMDIR_DATABASE_URL", "--database-url", "URL",
            null, "run on PostgreSQL: postgresql://user@host:port/db (or jdbc:postgresql:...); unset: SQLite at"
                    + " DATABASE_PATH", Parsers.anyText());
    public static final Setting<Path> DATABASE_PASSWORD_FILE = Setting.of("NYMDIR_DATABASE_PASSWORD_FILE",
            "--database-password-file", "FILE", null, "the PostgreSQL password on its first line (instead of one"
                    + " in the URL)", Parsers.path());
    public static final Setting<String> NODE_ID = Setting.of("NYMDIR_NODE_ID", "--node-id", "ID", null,
            "this node's id on a shared PostgreSQL database (default: made up once, kept in node_id beside the"
                    + " address file)", Parsers.text("[A-Za-z0-9_.-]{1,64}", "must be 1-64 of A-Z a-z 0-9 _ . -"));
    public static final Setting<Duration> NODE_POLL = Setting.of("NYMDIR_NODE_POLL", "--node-poll", "DURATION", "2s",
            "how often a node on PostgreSQL claims mail other nodes took in for its users", Parsers.duration());
    public static final Setting<Integer> DATABASE_POOL = Setting.of("NYMDIR_DATABASE_POOL", "--database-pool",
            "CONNECTIONS", "8", "PostgreSQL connections per node at most (one more listens)",
            Parsers.integer(1, 100));

    /** All of them, in the order the README lists them. */
    public static final List<Setting<?>> ALL = all();

    private ServeSettings() {
    }

    private static Map<Limit, Setting<Optional<Rate>>> limits() {
        Map<Limit, Setting<Optional<Rate>>> limits = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            limits.put(limit, Setting.of(limit.settingName(),
                    "--limit-" + limit.name().toLowerCase(Locale.ROOT).replace('_', '-'), "BURST/PER_MINUTE|off",
                    limit.defaultRate().toString(), "rate limit of " + requests(limit)
                            + (limit == Limit.REGISTER_NODE || limit == Limit.LOOKUP_ANONYMOUS ? ", node-wide"
                            : " per sender tag")
                            + (limit == Limit.LOOKUP ? " and per user who proved a name on it"
                            : limit == Limit.LOGIN || limit == Limit.REGISTER ? " (failed proofs per username)"
                            : limit == Limit.SEND ? " and per verified sender" : "")
                            + ", or off", ServeSettings::rateOrOff));
        }
        return Collections.unmodifiableMap(limits);
    }

    private static String requests(Limit limit) {
        return switch (limit) {
            case REGISTER -> "register";
            case LOGIN -> "login";
            case CHALLENGE_RESPONSE -> "registrationResponse, loginResponse, rotateKey and deleteAccount";
            case LOOKUP -> "query";
            case SEND -> "send";
            case ACK -> "ack (one token per id)";
            case OTHER -> "unimplemented and unknown actions";
            case REGISTER_NODE -> "registrations without a solved puzzle";
            case LOOKUP_ANONYMOUS -> "query from tags that proved no name";
        };
    }

    private static <T> Setting.Parser<T> offOr(Setting.Parser<T> parser, T off) {
        return text -> text.strip().equalsIgnoreCase("off") ? off : parser.parse(text);
    }

    private static Boolean onOff(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("must be on or off");
        };
    }

    private static Long sizeOrOff(String text) {
        if (text.strip().equalsIgnoreCase("off")) {
            return 0L;
        }
        try {
            return ch.qos.logback.core.util.FileSize.valueOf(text.strip()).getSize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be a size such as 100MB or 1GB, or off");
        }
    }

    private static Boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static Optional<Rate> rateOrOff(String text) {
        if (text.strip().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Rate.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be BURST/PER_MINUTE, whole numbers of at least 1 (e.g."
                    + " 120/1200), or off");
        }
    }

    private static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(NYM_CLIENT_ID, WEBSOCKET_URL, DATABASE_PATH, KEYS_DIR,
                SECRET_PATH, LOG_FILE_PATH, NYM_ADDRESS_FILE, MAX_REQUEST_BYTES, OUTBOUND_QUEUE, MAILBOX_TTL,
                TAG_FRESHNESS, MAILBOX_QUOTA, MAILBOX_QUOTA_BYTES, STRANGER_SHARE, SENDER_QUOTA_BYTES,
                MAILBOX_CAP_BYTES, FREE_SPACE_FLOOR));
        all.addAll(LIMITS.values());
        all.addAll(List.of(REGISTER_WORK, REGISTER_WORK_MAX, NAME_QUARANTINE, NAME_EXPIRY, HIDE_MEMBERSHIP));
        all.addAll(List.of(REQUEST_WORKERS, QUEUED_PER_SENDER, CRYPTO_PROVIDER, STATS_PORT, STATS_HOST,
                LogSettings.LEVEL, LOG_MAX_SIZE, LOG_KEEP, ADMIN_TOKEN_FILE, NEW_SERVER_KEY, JAVA_OPTS,
                DATABASE_URL, DATABASE_PASSWORD_FILE, NODE_ID, NODE_POLL, DATABASE_POOL));
        return List.copyOf(all);
    }

    /** A duration the way settings write it: whole days from a week up ({@code 7d}), else hours ({@code 24h}), ... */
    private static String text(Duration d) {
        if (d.toDays() >= 7 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        for (var unit : List.of(Map.entry("h", Duration.ofHours(1)), Map.entry("m", Duration.ofMinutes(1)),
                Map.entry("s", Duration.ofSeconds(1)))) {
            if (d.toMillis() % unit.getValue().toMillis() == 0) {
                return d.toMillis() / unit.getValue().toMillis() + unit.getKey();
            }
        }
        return d.toMillis() + "ms";
    }
}
