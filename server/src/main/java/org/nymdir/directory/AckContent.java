package org.nymdir.directory;

import java.util.List;

/** What a dialect read from the signed content of an {@code ack}. */
public sealed interface AckContent {
    /** At most this many ids in one ack (the Java client sends at most 100); each is charged to the ACK limit. */
    int MAX_IDS = 100;

    /** The content is not a JSON document. */
    record NotJson() implements AckContent {
    }

    /** The content is JSON that Python reads but nymdir does not: nested too deep, or a number too long. */
    record BeyondBounds() implements AckContent {
    }

    /** The content is JSON but names no user or no ids. */
    record Missing() implements AckContent {
    }

    /** Who acknowledges which message ids (well-formed ids only, at most {@link #MAX_IDS}). */
    record Ids(String username, List<String> ids) implements AckContent {
        public Ids {
            ids = List.copyOf(ids);
        }
    }
}
