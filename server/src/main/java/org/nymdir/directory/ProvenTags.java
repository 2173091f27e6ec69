package org.nymdir.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Sender tags that proved a user's key by a fresh challenge (registration or login) in this run: the tags
 * whose requests the request lanes serve as members'. Bounded in bytes: beyond the bound the least useful is
 * forgotten (its sender is then served as a stranger until it logs in again). After a restart the set is
 * empty until users log in, which nymCHAT clients do when they start.
 */
final class ProvenTags {
    /** A tag's characters and the cache entry around them. */
    private static final int ENTRY_OVERHEAD = 96;

    private final Cache<String, Boolean> tags;

    ProvenTags(long maxBytes) {
        this.tags = Caffeine.newBuilder().maximumWeight(maxBytes)
                .<String, Boolean>weigher((tag, v) -> ENTRY_OVERHEAD + 2 * tag.length()).build();
    }

    void add(String tag) {
        tags.put(tag, Boolean.TRUE);
    }

    boolean contains(String tag) {
        return tags.getIfPresent(tag) != null;
    }
}
