package org.nymdir.store.memory;

import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxQuotaContract;

class InMemoryMailboxQuotaTest extends MailboxQuotaContract {
    @Override
    protected Mailbox openMailbox() {
        return new InMemoryMailbox();
    }
}
