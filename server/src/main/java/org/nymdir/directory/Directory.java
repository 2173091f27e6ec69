package org.nymdir.directory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.nymdir.crypto.DecoyKeys;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.RateLimiter;
import org.nymdir.store.StoreException;
import org.nymdir.vocabulary.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory's use cases behind one entry point. {@link #handle} turns a decoded request from a sender
 * tag into the reply for that tag and the deliveries for others; it never touches the network, and it
 * never throws: a failing store becomes an {@link Status#INTERNAL_ERROR} reply.
 *
 * <p>Thread-safe. Callers must handle requests of one sender tag in arrival order (a registrationResponse
 * must see its register); requests of different tags may run in parallel. Whoever hands deliveries to the
 * mixnet reports each tracked one back ({@link #handedOff}, {@link #notHandedOff}) so the mailbox knows.
 *
 * <p>Time: every decision that depends on it (challenge expiry, rate limits, mailbox TTL and expiry, tag
 * freshness, presence) reads the one {@code clock} given here, and nothing else; the stores never read one.
 */
public final class Directory {
    private static final Logger log = LoggerFactory.getLogger(Directory.class);

    private final Registration registration;
    private final Login login;
    private final Lookup lookup;
    private final Relay relay;
    private final Acks acks;
    private final Mailroom mailroom;
    private final RateLimiter limiter;
    private final Challenges registrations;
    private final Challenges logins;
    private final ProvenTags proven;
    private final BlockedRequests blocked;
    private final AccountLife accounts;

    public Directory(Stores stores, SignatureVerifier verifier, Supplier<String> nonces, Clock clock,
                     DirectoryConfig config) {
        this(stores, verifier, nonces, clock, config, Blocklist.NONE);
    }

    /** With the operator's {@code blocked} users, who can neither log in, send nor receive. */
    public Directory(Stores stores, SignatureVerifier verifier, Supplier<String> nonces, Clock clock,
                     DirectoryConfig config, Blocklist blocked) {
        this(stores, verifier, nonces, clock, config, blocked, null);
    }

    /**
     * @param decoys the keys of names nobody registered, for membership hiding; required when
     *               {@link NamePolicy#hideMembership} is on, unused otherwise
     */
    public Directory(Stores stores, SignatureVerifier verifier, Supplier<String> nonces, Clock clock,
                     DirectoryConfig config, Blocklist blocked, DecoyKeys decoys) {
        boolean hide = config.names().hideMembership();
        if (hide && decoys == null) {
            throw new IllegalArgumentException("membership hiding needs decoy keys");
        }
        this.limiter = new RateLimiter(clock, config.rates(), config.memory().rateLimiterBytes());
        this.mailroom = new Mailroom(stores.mailbox(), stores.presence(), stores.users(), clock, config.relay(),
                config.memory(), new SecureRandom(), new Correspondents(config.correspondenceSecret()));
        this.blocked = new BlockedRequests(blocked, mailroom);
        // Proven tags share the rate limiter's budget: a quarter of it on top.
        this.proven = new ProvenTags(Math.max(1, config.memory().rateLimiterBytes() / 4));
        Senders senders = new Senders(stores.users(), verifier, mailroom, proven);
        this.registrations = new Challenges(verifier, nonces, config.challenges(), clock);
        this.logins = new Challenges(verifier, nonces, config.challenges(), clock);
        this.registration = new Registration(stores.users(), verifier, registrations, senders,
                new FailedProofs(limiter, Limit.REGISTER), limiter, new WorkDifficulty(clock, config.names()),
                config.names().hideMembership());
        this.login = new Login(stores.users(), logins, senders, new FailedProofs(limiter, Limit.LOGIN), blocked,
                hide ? decoys : null);
        this.lookup = new Lookup(stores.users(), hide ? decoys : null);
        this.relay = new Relay(stores.users(), senders, mailroom, limiter, verifier, hide);
        this.acks = new Acks(senders, mailroom);
        this.accounts = new AccountLife(stores, verifier, proven, clock, config.names());
    }

    public Outcome handle(Request request, String senderTag) {
        try {
            if (!withinLimits(request, senderTag)) {
                return Outcome.result(topicOf(request), Status.RATE_LIMITED);
            }
            Status refused = blocked.refusal(request);
            if (refused != null) {
                return Outcome.result(topicOf(request), refused);
            }
            return switch (request) {
                case Request.Register r -> registration.register(r, senderTag);
                case Request.RegistrationResponse r -> registration.respond(r, senderTag);
                case Request.Login r -> login.login(r, senderTag);
                case Request.LoginResponse r -> login.respond(r, senderTag);
                case Request.Query r -> lookup.query(r);
                case Request.Send r -> relay.send(r, senderTag);
                case Request.Ack r -> acks.ack(r, senderTag);
                case Request.RotateKey r -> accounts.rotate(r, senderTag);
                case Request.DeleteAccount r -> accounts.delete(r, senderTag);
                case Request.Unimplemented r -> Outcome.result(r.topic(), Status.UNIMPLEMENTED);
                case Request.Unknown r -> Outcome.result(Topic.UNKNOWN, Status.UNKNOWN_ACTION);
            };
        } catch (StoreException e) {
            log.error("store failure while handling {}: {}", request.action(), e.toString());
            return Outcome.result(topicOf(request), Status.INTERNAL_ERROR);
        }
    }

    /**
     * Per-tag limits for every kind of request, unknown ones included. Nothing here is charged to a name: a
     * name can be asked for by anyone, so a per-name budget spent before a proof would be the owner's loss
     * (see {@link FailedProofs}, and the per-user send budget in {@link Relay}, both charged after the fact).
     */
    private boolean withinLimits(Request request, String senderTag) {
        String tagKey = "t:" + senderTag;
        return switch (request) {
            case Request.Register r -> limiter.tryAcquire(Limit.REGISTER, tagKey);
            case Request.Login r -> limiter.tryAcquire(Limit.LOGIN, tagKey);
            case Request.RegistrationResponse r -> limiter.tryAcquire(Limit.CHALLENGE_RESPONSE, tagKey);
            case Request.LoginResponse r -> limiter.tryAcquire(Limit.CHALLENGE_RESPONSE, tagKey);
            case Request.Query r -> limiter.tryAcquire(Limit.LOOKUP, tagKey) && lookupBudget(senderTag);
            case Request.Send r -> limiter.tryAcquire(Limit.SEND, tagKey); // per user: after verification
            // One token per id (at least one): an ack's cost is its deletes.
            case Request.Ack r -> limiter.tryAcquire(Limit.ACK, tagKey,
                    r.ack() instanceof AckContent.Ids ids ? Math.max(1, ids.ids().size()) : 1);
            case Request.RotateKey r -> limiter.tryAcquire(Limit.CHALLENGE_RESPONSE, tagKey);
            case Request.DeleteAccount r -> limiter.tryAcquire(Limit.CHALLENGE_RESPONSE, tagKey);
            case Request.Unimplemented r -> limiter.tryAcquire(Limit.OTHER, tagKey);
            case Request.Unknown r -> limiter.tryAcquire(Limit.OTHER, tagKey);
        };
    }

    /**
     * Lookups cost their user's budget when the tag proved a name in this run (as a user's sends do), and
     * otherwise the one budget all strangers share: fresh tags are free, so a per-tag limit alone bounds nothing.
     */
    private boolean lookupBudget(String senderTag) {
        String user = proven.userOf(senderTag);
        return user != null ? limiter.tryAcquire(Limit.LOOKUP, "u:" + user)
                : limiter.tryAcquire(Limit.LOOKUP_ANONYMOUS, "node");
    }

    /**
     * Whether {@code senderTag} proved a user's key by a fresh challenge in this run (registration or login):
     * the request lanes serve such tags before strangers' (see the app's {@code SerialLanes}).
     */
    public boolean isProvenTag(String senderTag) {
        return proven.contains(senderTag);
    }

    /** A tracked delivery reached the nym-client; returns more deliveries to hand out if that freed a batch. */
    public List<Outcome.Delivery> handedOff(Outcome.Delivery delivery) {
        try {
            return delivery.tracked() ? blocked.withoutBlocked(mailroom.handedOff(delivery)) : List.of();
        } catch (StoreException e) {
            log.error("store failure after a delivery (it stays in the mailbox): {}", e.toString());
            return List.of();
        }
    }

    /** A tracked delivery could not be handed to the nym-client; it waits for the recipient's next fresh tag. */
    public void notHandedOff(Outcome.Delivery delivery) {
        if (delivery.tracked()) {
            mailroom.notHandedOff(delivery);
        }
    }

    /**
     * After a start: the waiting mail of users whose tags are still fresh, to hand out again, one recipient's
     * batch at a time (bounded like every batch, {@link MemoryBounds#batchBytes}). {@code batches} takes each and
     * says whether to go on; it may wait, e.g. for room in the link's queue, so a large mailbox streams through
     * a small heap. Batches of blocked users are not handed out: they go back as not handed off.
     */
    public void resume(Predicate<List<Outcome.Delivery>> batches) {
        try {
            mailroom.resume(batch -> {
                List<Outcome.Delivery> allowed = blocked.withoutBlocked(batch);
                return allowed.isEmpty() || batches.test(allowed);
            });
        } catch (StoreException e) {
            log.error("store failure while resuming deliveries (the mail waits for its recipients' next fresh"
                    + " tag): {}", e.toString());
        }
    }

    /**
     * Mail waits for these users, says another node (several nodes on one database): deliveries for those
     * whose tag this node holds, and who holds it for the others.
     *
     * @throws StoreException when the store fails: the mail stays where it is, and the caller, who claimed
     *                        the word, should leave it again
     */
    public WaitingMail waitingMail(Collection<String> usernames) {
        WaitingMail found = mailroom.waiting(usernames);
        return new WaitingMail(blocked.withoutBlocked(found.deliveries()), found.elsewhere());
    }

    /**
     * Deletes an account as its owner would (its mail goes, its name is quarantined): for operators and expiry.
     * {@code false} when there is no such user.
     */
    public boolean deleteAccount(String username) {
        return accounts.deleteAccount(username);
    }

    /** Expires unused names (when the policy says so) and frees names out of quarantine; returns how many expired. */
    public int expireNames() {
        return accounts.sweep();
    }

    /** Removes expired mailbox messages; returns how many. */
    public int expireMail() {
        return mailroom.expire();
    }

    /** Registrations waiting for their signed answer (for tests of the memory bounds). */
    int pendingRegistrations() {
        return registrations.size();
    }

    /** Logins waiting for their signed answer (for tests of the memory bounds). */
    int pendingLogins() {
        return logins.size();
    }

    /** Heap the waiting challenges of both flows hold, estimated as their bounds count it. */
    long pendingChallengeBytes() {
        return registrations.bytes() + logins.bytes();
    }

    RateLimiter limiter() {
        return limiter;
    }

    Mailroom mailroom() {
        return mailroom;
    }

    static Topic topicOf(Request request) {
        return switch (request) {
            case Request.Register r -> Topic.REGISTRATION;
            case Request.RegistrationResponse r -> Topic.REGISTRATION;
            case Request.Login r -> Topic.LOGIN;
            case Request.LoginResponse r -> Topic.LOGIN;
            case Request.Query r -> Topic.QUERY;
            case Request.Send r -> Topic.SEND;
            case Request.Ack r -> Topic.ACK;
            case Request.RotateKey r -> Topic.ROTATE_KEY;
            case Request.DeleteAccount r -> Topic.DELETE_ACCOUNT;
            case Request.Unimplemented r -> r.topic();
            case Request.Unknown r -> Topic.UNKNOWN;
        };
    }
}
