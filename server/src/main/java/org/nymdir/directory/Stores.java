package org.nymdir.directory;

import org.nymdir.store.Mailbox;
import org.nymdir.store.Presence;
import org.nymdir.store.UserStore;

/** The stores the directory works on: users, the durable mailbox, and when each user's tag was last seen. */
public record Stores(UserStore users, Mailbox mailbox, Presence presence) {
}
