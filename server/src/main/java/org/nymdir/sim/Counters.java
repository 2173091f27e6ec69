package org.nymdir.sim;

import java.util.concurrent.atomic.AtomicLongArray;

/** The live counters behind {@link SimStats}; safe to bump from any thread. */
final class Counters {
    enum Name {
        CONNECTIONS, CONNECTIONS_REFUSED, ACTIVE_CONNECTIONS, MESSAGES_ROUTED, REPLIES_ROUTED, DELIVERED,
        SURBS_ATTACHED, SURBS_CONSUMED, SURBS_TOPPED_UP, SURB_REQUESTS, REPLIES_DROPPED_NO_SURBS,
        REPLIES_DROPPED_UNKNOWN_TAG, HELD, DELIVERED_FROM_HOLD, DROPPED_HOLD_FULL, DROPPED_UNKNOWN_RECIPIENT,
        DROPPED_LOSS, ERRORS
    }

    private final AtomicLongArray values = new AtomicLongArray(Name.values().length);

    void add(Name name, long delta) {
        values.addAndGet(name.ordinal(), delta);
    }

    void inc(Name name) {
        add(name, 1);
    }

    long get(Name name) {
        return values.get(name.ordinal());
    }

    SimStats snapshot() {
        long[] v = new long[Name.values().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return new SimStats(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15], v[16], v[17]);
    }
}
