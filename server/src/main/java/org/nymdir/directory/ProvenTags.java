package org.nymdir.directory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sender tags that proved a user's key by a fresh challenge (registration or login) in this run: the tags
 * whose requests the request lanes serve as members'. Bounded: beyond {@code max} the least recently proven
 * is forgotten (its sender is then served as a stranger until it logs in again). After a restart the set is
 * empty until users log in, which nymCHAT clients do when they start.
 */
final class ProvenTags {
    private final Map<String, Boolean> tags;

    ProvenTags(int max) {
        this.tags = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > max;
            }
        };
    }

    synchronized void add(String tag) {
        tags.put(tag, Boolean.TRUE);
    }

    synchronized boolean contains(String tag) {
        return tags.containsKey(tag);
    }
}
