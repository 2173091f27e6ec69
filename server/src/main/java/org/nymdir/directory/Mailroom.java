package org.nymdir.directory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.Presence;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;

/**
 * Durable relay: every accepted message is committed to the mailbox before its sender hears "success", and
 * leaves it only when delivered or expired.
 *
 * <p>"Delivered" is all a nym-client can tell us: the message was handed to it for a fresh sender tag (it
 * never reports a reply it could not deliver). For clients that acknowledge (they sent an {@code ack} once),
 * a message stays until acknowledged and is handed out again on each new fresh tag. A tag is fresh while it
 * was seen within {@link RelayPolicy#tagFreshness()}: older reply SURBs are dead, so mail for such users
 * waits until they show a fresh tag (a login, or an accepted signed request from the stored tag itself).
 *
 * <p>What was handed to which tag is remembered in memory ({@link HandedOut}), so that a flush does not hand
 * the same message twice to one tag; losing that memory (restart) only means a message may be handed out once
 * more.
 */
final class Mailroom {
    /** Recipients read at once when the resume after a start looks for mail: names only, a few KiB. */
    private static final int RESUME_PAGE = 1000;

    private final Mailbox mailbox;
    private final Presence presence;
    private final UserStore users;
    private final Clock clock;
    private final RelayPolicy policy;
    private final long batchBytes;
    private final SecureRandom random;
    private final HandedOut handedOut;
    private final Correspondents correspondents;

    Mailroom(Mailbox mailbox, Presence presence, UserStore users, Clock clock, RelayPolicy policy,
             MemoryBounds memory, SecureRandom random, Correspondents correspondents) {
        this.correspondents = correspondents;
        this.mailbox = mailbox;
        this.presence = presence;
        this.users = users;
        this.clock = clock;
        this.policy = policy;
        this.batchBytes = memory.batchBytes();
        this.random = random;
        this.handedOut = new HandedOut(memory.handedOutBytes());
    }

    /** The result of accepting a send: the mailbox's verdict and, when the recipient is reachable, a delivery. */
    record Accepted(EnqueueResult result, Optional<Outcome.Delivery> delivery) {
    }

    Accepted accept(String sender, UserRecord recipient, String recipientTag, SendContent.Message m,
                    byte[] replayKey) {
        Instant now = clock.instant();
        String id = newId();
        MailboxMessage message = new MailboxMessage(id, recipient.username(), sender, m.rawBody(),
                m.rawSenderPublicKey(), now, now.plus(policy.mailboxTtl()));
        // a tag held by another node's nym-client is not ours to use: that node delivers (the store wakes it)
        boolean reachable = recipient.isLocal() && isFresh(recipient.username(), now);
        if (reachable) {
            // Marked before the commit: once committed, a concurrent flush for this recipient must not hand
            // it out a second time.
            handedOut.mark(recipient.username(), id, recipientTag);
        }
        // Quotas in bytes and friends vs strangers: a crowd of strangers fills only its share of the recipient's
        // mailbox, so mail from people the recipient wrote to still fits (see MailQuota).
        EnqueueResult result = mailbox.enqueue(message, replayKey, policy.quota(),
                correspondents.of(sender, recipient.username(), now.plus(policy.correspondentTtl())));
        if (result != EnqueueResult.STORED || !reachable) {
            handedOut.forget(recipient.username(), List.of(id));
            return new Accepted(result, Optional.empty());
        }
        return new Accepted(result, Optional.of(delivery(message, recipientTag)));
    }

    /**
     * A verified user showed {@code tag}. Records it, and if the tag is new to us or was stale, returns the
     * user's waiting mail for it, oldest first.
     */
    List<Outcome.Delivery> seen(String username, String tag, boolean tagChanged) {
        Instant now = clock.instant();
        boolean wasFresh = isFresh(username, now);
        presence.touch(username, now);
        return tagChanged || !wasFresh ? backlog(username, tag) : List.of();
    }

    /**
     * Up to a batch of the user's waiting messages not yet handed to {@code tag}: {@link RelayPolicy#flushBatch}
     * messages, or {@link MemoryBounds#batchBytes} of them (at least one, however large).
     */
    List<Outcome.Delivery> backlog(String username, String tag) {
        return backlog(username, tag, waiting(username));
    }

    /** The user's waiting messages, read a little beyond a batch so that those already handed out hide none. */
    private List<MailboxMessage> waiting(String username) {
        return mailbox.pending(username, policy.flushBatch() * 2, 2 * batchBytes);
    }

    /** A batch of {@code waiting} (the user's waiting messages, as just read) not yet handed to {@code tag}. */
    private List<Outcome.Delivery> backlog(String username, String tag, List<MailboxMessage> waiting) {
        List<Outcome.Delivery> out = new ArrayList<>();
        long bytes = 0;
        for (MailboxMessage m : waiting) {
            if (out.size() == policy.flushBatch() || bytes >= batchBytes) {
                break;
            }
            if (handedOut.isHandedTo(username, m.id(), tag)) {
                continue;
            }
            handedOut.mark(username, m.id(), tag);
            out.add(delivery(m, tag));
            bytes += m.heapBytes();
        }
        return out;
    }

    /**
     * The link handed a delivery to the nym-client. For a v1 client that is delivery: the message leaves the
     * mailbox. Returns the next batch when this emptied the one handed out.
     */
    List<Outcome.Delivery> handedOff(Outcome.Delivery d) {
        if (presence.isAcking(d.recipient())) {
            return List.of();
        }
        mailbox.remove(d.recipient(), List.of(d.messageId()));
        handedOut.forget(d.recipient(), List.of(d.messageId()));
        return nextBatch(d.recipient(), d.senderTag());
    }

    /** The link could not take a delivery: it stays in the mailbox for the user's next fresh tag. */
    void notHandedOff(Outcome.Delivery d) {
        handedOut.forget(d.recipient(), List.of(d.messageId()));
    }

    /** The recipient confirmed these messages: they leave the mailbox; the user is an acking client from now on. */
    List<Outcome.Delivery> ack(UserRecord user, String tag, Collection<String> ids) {
        String username = user.username();
        presence.setAcking(username, true);
        mailbox.remove(username, ids);
        handedOut.forget(username, ids);
        if (!tag.equals(user.senderTag())) {
            return List.of(); // not the route: the ack may be a replay, its tag gets nothing
        }
        return nextBatch(username, tag);
    }

    /**
     * After a restart: the waiting mail of every user whose tag is still fresh, a batch per recipient, each
     * given to {@code batches} before the next is read; stops when it answers false. Only names are read ahead.
     */
    void resume(Predicate<List<Outcome.Delivery>> batches) {
        Instant now = clock.instant();
        String after = "";
        List<String> page;
        while (!(page = mailbox.recipientsWithPending(after, RESUME_PAGE)).isEmpty()) {
            for (String recipient : page) {
                Optional<UserRecord> user = users.findUser(recipient);
                if (user.isPresent() && user.get().isLocal() && isFresh(recipient, now)) {
                    List<Outcome.Delivery> batch = backlog(recipient, user.get().senderTag());
                    if (!batch.isEmpty() && !batches.test(batch)) {
                        return;
                    }
                }
            }
            after = page.getLast();
        }
    }

    /** Heap the hand-out memory holds, estimated (for tests of its bound). */
    long handedOutBytes() {
        return handedOut.bytes();
    }

    /**
     * Another node left word that mail waits for these users: the batch for each whose tag this node holds
     * and is fresh; users whose tag another node holds now are named with that node, to pass the word on.
     */
    WaitingMail waiting(Collection<String> usernames) {
        List<Outcome.Delivery> out = new ArrayList<>();
        Map<String, String> elsewhere = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (String username : usernames) {
            Optional<UserRecord> user = users.findUser(username);
            if (user.isEmpty()) {
                continue;
            }
            if (!user.get().isLocal()) {
                elsewhere.put(username, user.get().remoteNode());
            } else if (isFresh(username, now) && !handedOut.anyHandedTo(username, user.get().senderTag())) {
                out.addAll(backlog(username, user.get().senderTag()));
            }
        }
        return new WaitingMail(out, elsewhere);
    }

    /**
     * After the last of a batch went out on {@code tag} (known from memory): the next batch, if mail waits
     * and {@code tag} is still the user's tag at this node. A user who moved on (a new tag here, or another
     * node: takeover) gets their mail through the new tag's own flush; this node must not hand it to the
     * old one.
     */
    private List<Outcome.Delivery> nextBatch(String username, String tag) {
        if (handedOut.anyHandedTo(username, tag)) {
            return List.of();
        }
        // The mailbox first: after a relay to an online recipient it is empty, which settles it in one read,
        // without the user's record (every relay's hand-off comes here, so this read is per message).
        List<MailboxMessage> waiting = waiting(username);
        if (waiting.isEmpty()) {
            return List.of();
        }
        boolean current = users.findUser(username).filter(u -> u.isLocal() && u.senderTag().equals(tag)).isPresent();
        return current ? backlog(username, tag, waiting) : List.of();
    }

    int expire() {
        return mailbox.expire(clock.instant());
    }

    boolean isFresh(String username, Instant now) {
        return presence.lastSeen(username).map(seen -> seen.plus(policy.tagFreshness()).isAfter(now)).orElse(false);
    }

    private static Outcome.Delivery delivery(MailboxMessage m, String tag) {
        return new Outcome.Delivery(tag, new Reply.Incoming(m.sender(), m.rawBody(), m.rawSenderPublicKey(), m.id()),
                m.recipient(), m.id());
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

}
