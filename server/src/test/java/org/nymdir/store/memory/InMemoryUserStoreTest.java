package org.nymdir.store.memory;

import org.nymdir.store.UserStore;
import org.nymdir.store.UserStoreContract;

class InMemoryUserStoreTest extends UserStoreContract {
    @Override
    protected UserStore openStore() {
        return new InMemoryUserStore();
    }
}
