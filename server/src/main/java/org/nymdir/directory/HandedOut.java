package org.nymdir.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which mailbox messages were handed to which sender tag, per recipient, in memory. It keeps a flush from
 * handing one message twice to the same tag, and tells when a recipient has nothing out on a tag any more
 * (time for the next batch) without asking the database. Bounded: the least recently active recipients
 * are forgotten first; forgetting only means a message may be handed out once more, never lost.
 */
final class HandedOut {
    private final Map<String, Map<String, String>> byRecipient;

    HandedOut(int maxRecipients) {
        this.byRecipient = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, String>> eldest) {
                return size() > maxRecipients;
            }
        };
    }

    synchronized void mark(String recipient, String id, String tag) {
        byRecipient.computeIfAbsent(recipient, r -> new HashMap<>()).put(id, tag);
    }

    synchronized boolean isHandedTo(String recipient, String id, String tag) {
        Map<String, String> ids = byRecipient.get(recipient);
        return ids != null && tag.equals(ids.get(id));
    }

    synchronized boolean anyHandedTo(String recipient, String tag) {
        Map<String, String> ids = byRecipient.get(recipient);
        return ids != null && ids.containsValue(tag);
    }

    synchronized void forget(String recipient, Collection<String> ids) {
        Map<String, String> handed = byRecipient.get(recipient);
        if (handed != null) {
            ids.forEach(handed::remove);
            if (handed.isEmpty()) {
                byRecipient.remove(recipient);
            }
        }
    }
}
