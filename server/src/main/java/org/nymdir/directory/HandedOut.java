package org.nymdir.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Which mailbox messages were handed to which sender tag, per recipient, in memory. It keeps a flush from
 * handing one message twice to the same tag, and tells when a recipient has nothing out on a tag any more
 * (time for the next batch) without asking the database.
 *
 * <p>Bounded in bytes: a recipient weighs what it remembers (an acking recipient may have a whole mailbox
 * out), and beyond the bound the recipients least likely to be needed again are forgotten (Caffeine's
 * frequency-aware eviction). Forgetting only means a message may be handed out once more, never lost.
 */
final class HandedOut {
    /** Heap of one recipient besides its name and ids: the cache's node and map entry, the map and its table. */
    static final int RECIPIENT_BYTES = 200;
    /** Heap of one id: the map node and its slot, the 32-character id string, the tag string (often not shared). */
    static final int ID_BYTES = 200;

    // The value maps change in place, only inside compute (which weighs them again) and under this object's lock.
    private final Cache<String, Map<String, String>> byRecipient;

    HandedOut(long maxBytes) {
        this.byRecipient = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String recipient, Map<String, String> ids) ->
                        RECIPIENT_BYTES + 2 * recipient.length() + ID_BYTES * ids.size())
                .executor(Runnable::run) // eviction on the caller's thread: no flood outruns the bound
                .build();
    }

    synchronized void mark(String recipient, String id, String tag) {
        byRecipient.asMap().compute(recipient, (r, ids) -> {
            Map<String, String> m = ids == null ? new HashMap<>() : ids;
            m.put(id, tag);
            return m;
        });
    }

    synchronized boolean isHandedTo(String recipient, String id, String tag) {
        Map<String, String> ids = byRecipient.getIfPresent(recipient);
        return ids != null && tag.equals(ids.get(id));
    }

    synchronized boolean anyHandedTo(String recipient, String tag) {
        Map<String, String> ids = byRecipient.getIfPresent(recipient);
        return ids != null && ids.containsValue(tag);
    }

    synchronized void forget(String recipient, Collection<String> ids) {
        byRecipient.asMap().computeIfPresent(recipient, (r, handed) -> {
            ids.forEach(handed::remove);
            return handed.isEmpty() ? null : handed;
        });
    }

    /** Heap held now, estimated as the bound counts it (for tests of the bound). */
    synchronized long bytes() {
        byRecipient.cleanUp();
        return byRecipient.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }
}
