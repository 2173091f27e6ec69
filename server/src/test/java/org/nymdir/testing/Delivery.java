package org.nymdir.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nymdir.store.MailboxMessage;

/**
 * Where the sends a directory accepted went, for tests under load: each reached its recipient's
 * {@link Inbox}, or still waits in the mailbox ({@link DatabaseFiles#mailbox}, read while the directory is
 * stopped). Bodies are those {@link SendLoad} sends: JSON strings.
 */
public final class Delivery {
    private Delivery() {
    }

    /** The bodies waiting for {@code recipient}, in delivery order (the mailbox keeps each as JSON text). */
    public static List<String> waiting(Map<String, List<MailboxMessage>> mailbox, String recipient) {
        return mailbox.getOrDefault(recipient, List.of()).stream()
                .map(m -> ChatPeer.parse(m.rawBody()).textValue()).toList();
    }

    /** Asserts that every one of {@code accepted} reached {@code inbox} or waits for {@code recipient}. */
    public static void assertDeliveredOrStored(String recipient, Collection<String> accepted, Inbox inbox,
                                               Map<String, List<MailboxMessage>> mailbox) {
        Set<String> found = new HashSet<>(inbox.bodies());
        found.addAll(waiting(mailbox, recipient));
        List<String> missing = accepted.stream().filter(b -> !found.contains(b)).toList();
        assertThat(missing).as("accepted for %s, neither delivered nor in the mailbox", recipient).isEmpty();
    }
}
