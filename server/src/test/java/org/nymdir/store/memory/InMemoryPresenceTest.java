package org.nymdir.store.memory;

import java.time.Duration;
import org.nymdir.store.Presence;
import org.nymdir.store.PresenceContract;

class InMemoryPresenceTest extends PresenceContract {
    @Override
    protected Presence openPresence(Duration granularity) {
        return new InMemoryPresence(granularity);
    }
}
