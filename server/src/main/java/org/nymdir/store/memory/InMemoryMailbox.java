package org.nymdir.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.nymdir.store.Correspondence;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.MailQuota;
import org.nymdir.store.MailUsage;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;

/**
 * A {@link Mailbox} in memory, for unit tests of the directory and throw-away runs; the shared contract test
 * holds it to the SQLite mailbox's behaviour. One lock guards everything, which makes each operation atomic
 * as simply as SQLite's single writer does; speed is not this class's purpose.
 */
public final class InMemoryMailbox implements Mailbox {

    /** A stored message and its insertion number, which breaks ties of acceptance time like SQLite's seq. */
    private record Entry(MailboxMessage message, long seq, boolean stranger) {
    }

    private static final Comparator<Entry> DELIVERY_ORDER =
            Comparator.comparing((Entry e) -> e.message().acceptedAt()).thenComparingLong(Entry::seq);

    private final Object lock = new Object();
    // in SQLite's recipient order, so that paging through recipients agrees
    private final NavigableMap<String, NavigableSet<Entry>> byRecipient = new TreeMap<>(StoreArgs.CODE_POINT_ORDER);
    private final Map<String, Entry> byId = new HashMap<>();
    private final Map<String, Instant> replayKeys = new HashMap<>(); // hex of the key -> expiresAt
    private final Map<String, Instant> writers = new HashMap<>(); // hex of a correspondence key -> expiresAt
    private long nextSeq;
    private boolean closed;

    @Override
    public EnqueueResult enqueue(MailboxMessage m, byte[] replayKey, MailQuota quota, Correspondence correspondence) {
        Objects.requireNonNull(m, "message");
        Objects.requireNonNull(quota, "quota");
        String key = HexFormat.of().formatHex(StoreArgs.requireReplayKey(replayKey));
        synchronized (lock) {
            ensureOpen();
            Instant keyExpires = replayKeys.get(key);
            if (keyExpires != null && m.acceptedAt().isBefore(keyExpires)) {
                return EnqueueResult.DUPLICATE;
            }
            long bytes = m.storedBytes();
            NavigableSet<Entry> queue = byRecipient.getOrDefault(m.recipient(), new TreeSet<>(DELIVERY_ORDER));
            boolean stranger = correspondence != null && !isCorrespondent(correspondence, m.acceptedAt());
            Optional<EnqueueResult> refused = quota.refusal(new MailUsage<RuntimeException>() {
                @Override
                public long totalBytes() {
                    return sum(byId.values(), e -> true);
                }

                @Override
                public long senderBytes() {
                    return sum(byId.values(), e -> e.message().sender().equals(m.sender()));
                }

                @Override
                public Held recipient() {
                    return new Held(queue.size(), sum(queue, e -> true));
                }

                @Override
                public Held strangers() {
                    return new Held(queue.stream().filter(Entry::stranger).count(), sum(queue, Entry::stranger));
                }
            }, bytes, stranger);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (byId.containsKey(m.id())) {
                throw new IllegalArgumentException("message id already in the mailbox");
            }
            Entry entry = new Entry(m, nextSeq++, stranger);
            byRecipient.computeIfAbsent(m.recipient(), r -> new TreeSet<>(DELIVERY_ORDER)).add(entry);
            byId.put(m.id(), entry);
            replayKeys.put(key, m.expiresAt());
            if (correspondence != null) {
                writers.merge(HexFormat.of().formatHex(correspondence.writeKey()), correspondence.rememberFor(),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
            return EnqueueResult.STORED;
        }
    }

    @Override
    public long storedBytes() {
        synchronized (lock) {
            ensureOpen();
            return sum(byId.values(), e -> true);
        }
    }

    private boolean isCorrespondent(Correspondence correspondence, Instant now) {
        Instant until = writers.get(HexFormat.of().formatHex(correspondence.replyKey()));
        return until != null && now.isBefore(until);
    }

    private static long sum(Collection<Entry> entries, Predicate<Entry> which) {
        return entries.stream().filter(which).mapToLong(e -> e.message().storedBytes()).sum();
    }

    @Override
    public List<MailboxMessage> pending(String recipient, int limit) {
        Objects.requireNonNull(recipient, "recipient");
        StoreArgs.requireInRange(limit, 1, MAX_LIMIT, "limit");
        synchronized (lock) {
            ensureOpen();
            List<MailboxMessage> out = new ArrayList<>();
            for (Entry e : byRecipient.getOrDefault(recipient, new TreeSet<>(DELIVERY_ORDER))) {
                if (out.size() == limit) {
                    break;
                }
                out.add(e.message());
            }
            return out;
        }
    }

    @Override
    public int remove(String recipient, Collection<String> ids) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(ids, "ids");
        StoreArgs.requireInRange(ids.size(), 0, MAX_LIMIT, "number of ids");
        Set<String> wanted = new LinkedHashSet<>();
        for (String id : ids) {
            wanted.add(Objects.requireNonNull(id, "id"));
        }
        synchronized (lock) {
            ensureOpen();
            int removed = 0;
            for (String id : wanted) {
                Entry e = byId.get(id);
                if (e != null && e.message().recipient().equals(recipient)) {
                    unlink(e);
                    removed++;
                }
            }
            return removed;
        }
    }

    @Override
    public int expire(Instant now) {
        Instant cutoff = Instant.ofEpochMilli(StoreArgs.comparableMillis(now, "now"));
        synchronized (lock) {
            ensureOpen();
            List<Entry> expired = new ArrayList<>();
            for (Entry e : byId.values()) {
                if (!cutoff.isBefore(e.message().expiresAt())) {
                    expired.add(e);
                }
            }
            expired.forEach(this::unlink);
            replayKeys.values().removeIf(expiresAt -> !cutoff.isBefore(expiresAt));
            writers.values().removeIf(expiresAt -> !cutoff.isBefore(expiresAt));
            return expired.size();
        }
    }

    @Override
    public List<String> recipientsWithPending(String after, int limit) {
        StoreArgs.requireStorable(after, "after"); // a lone surrogate would compare differently in SQLite
        StoreArgs.requireInRange(limit, 1, MAX_LIMIT, "limit");
        synchronized (lock) {
            ensureOpen();
            List<String> out = new ArrayList<>();
            Iterator<String> names = byRecipient.tailMap(after, false).keySet().iterator();
            while (names.hasNext() && out.size() < limit) {
                out.add(names.next());
            }
            return out;
        }
    }

    @Override
    public long size() {
        synchronized (lock) {
            ensureOpen();
            return byId.size();
        }
    }

    @Override
    public int count(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        synchronized (lock) {
            ensureOpen();
            NavigableSet<Entry> queue = byRecipient.get(recipient);
            return queue == null ? 0 : queue.size();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    /** Drops an entry from both indexes; a recipient without messages leaves the recipient map. */
    private void unlink(Entry e) {
        byId.remove(e.message().id());
        NavigableSet<Entry> queue = byRecipient.get(e.message().recipient());
        queue.remove(e);
        if (queue.isEmpty()) {
            byRecipient.remove(e.message().recipient());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("mailbox is closed", null);
        }
    }
}
