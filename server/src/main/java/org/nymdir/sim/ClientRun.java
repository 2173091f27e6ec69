package org.nymdir.sim;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;

/**
 * One run of a virtual nym-client process: it holds the sender tags, one random tag per recipient, for as long as
 * the run lasts (reference C.1: tags are not persisted, a restarted client gets new ones). Only a live run answers
 * requests for more SURBs. A clients-port run is one WebSocket connection; the service client's run is the
 * simulator's lifetime. Loop thread only.
 */
final class ClientRun {
    /** Bounds memory for a client that writes to very many recipients; the oldest tag is forgotten. */
    static final int MAX_TAGS = 100_000;

    private final NymAddress address;
    private final Map<NymAddress, SenderTag> tags = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NymAddress, SenderTag> eldest) {
            return size() > MAX_TAGS;
        }
    };
    private boolean alive = true;

    ClientRun(NymAddress address) {
        this.address = address;
    }

    NymAddress address() {
        return address;
    }

    /** The tag this run uses towards {@code recipient}, created on first use. */
    SenderTag tagFor(NymAddress recipient, SecureRandom random) {
        return tags.computeIfAbsent(recipient, r -> SenderTag.random(random));
    }

    /** Whether this run would honour a SURB request from {@code requester} (it wrote to it anonymously). */
    boolean answersSurbRequestsFrom(NymAddress requester) {
        return alive && tags.containsKey(requester);
    }

    boolean alive() {
        return alive;
    }

    void end() {
        alive = false;
        tags.clear();
    }
}
