package org.nymdir.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nymdir.store.MailboxMessage;

/**
 * Where the sends a directory accepted went, for tests under load: each reached its recipient's
 * {@link Inbox}, or still waits in the mailbox (read from the database while the directory is stopped).
 * Bodies are those {@link SendLoad} sends: JSON strings.
 *
 * @param inboxes each recipient's inbox, by name
 */
public record Delivery(Map<String, Inbox> inboxes) {
    public Delivery {
        inboxes = Map.copyOf(inboxes);
    }

    /**
     * Waits up to {@code timeout} until every body accepted for a recipient arrived in its inbox, without
     * failing: the mailbox may hold the rest, which {@link #assertDeliveredOrStored} checks precisely.
     */
    public void awaitQuietly(Map<String, List<String>> accepted, Duration timeout) {
        Await.holdsWithin(() -> accepted.entrySet().stream().allMatch(
                e -> new HashSet<>(inboxes.get(e.getKey()).bodies()).containsAll(e.getValue())), timeout);
    }

    /**
     * With the directory stopped: no inbox failed, the database is intact, and every body accepted for a
     * recipient reached its inbox or waits for it in the mailbox. Returns the mailbox.
     */
    public Map<String, List<MailboxMessage>> assertDeliveredOrStored(Path database,
                                                                     Map<String, List<String>> accepted)
            throws SQLException {
        inboxes.forEach((name, inbox) -> assertThat(inbox.failures()).as("%s's inbox", name).isEmpty());
        DatabaseFiles.assertIntact(database);
        Map<String, List<MailboxMessage>> mailbox = DatabaseFiles.mailbox(database);
        accepted.forEach((recipient, bodies) -> {
            Set<String> found = new HashSet<>(inboxes.get(recipient).bodies());
            found.addAll(waiting(mailbox, recipient));
            List<String> missing = bodies.stream().filter(b -> !found.contains(b)).toList();
            assertThat(missing).as("accepted for %s, neither delivered nor in the mailbox", recipient).isEmpty();
        });
        return mailbox;
    }

    /** The bodies waiting for {@code recipient}, in delivery order (the mailbox keeps each as JSON text). */
    public static List<String> waiting(Map<String, List<MailboxMessage>> mailbox, String recipient) {
        return mailbox.getOrDefault(recipient, List.of()).stream()
                .map(m -> ChatPeer.parse(m.rawBody()).textValue()).toList();
    }
}
