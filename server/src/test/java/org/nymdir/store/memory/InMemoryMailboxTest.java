package org.nymdir.store.memory;

import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxContract;

class InMemoryMailboxTest extends MailboxContract {
    @Override
    protected Mailbox openMailbox() {
        return new InMemoryMailbox();
    }
}
