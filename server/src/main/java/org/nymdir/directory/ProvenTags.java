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

    // tag -> the user who proved their name on it (lookups from the tag count against that user)
    private final Cache<String, String> tags;

    ProvenTags(long maxBytes) {
        this.tags = Caffeine.newBuilder().maximumWeight(maxBytes)
                .<String, String>weigher((tag, user) -> ENTRY_OVERHEAD + 2 * (tag.length() + user.length())).build();
    }

    void add(String tag, String username) {
        tags.put(tag, username);
    }

    boolean contains(String tag) {
        return tags.getIfPresent(tag) != null;
    }

    /** The user who proved their name on {@code tag} in this run, or null. */
    String userOf(String tag) {
        return tags.getIfPresent(tag);
    }

    /** Forgets every tag of {@code username} (their account went, or their key changed). */
    void forgetUser(String username) {
        tags.asMap().values().removeIf(username::equals);
    }
}
