package org.nymdir.load.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nymdir.client.UserIdentity;
import org.nymdir.client.e2e.E2eException;
import org.nymdir.client.e2e.NymChatE2e;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.sqlite.SqliteConfig;
import org.nymdir.store.sqlite.SqliteDatabase;
import org.nymdir.store.sqlite.SqliteMailbox;

/**
 * What is in the mailbox once the directory has stopped: read from its SQLite file (the durable truth, not
 * the directory's memory), each message decrypted with its recipient's key, so the soak knows which send it
 * is and whether its recipient already had it (then only the ack is missing).
 *
 * @param rows               every message in the mailbox
 * @param storedUndelivered  accepted sends in the mailbox that their recipient never received: "stored"
 * @param storedDelivered    accepted sends in the mailbox that were received (the ack did not arrive)
 * @param storedUnconfirmed  sends in the mailbox not counted as accepted: the sender never heard "success"
 *                           (the answer was lost), or set-up messages
 * @param unreadable         rows that are not a soak message or do not decrypt: must be 0
 */
record MailboxAudit(long rows, long storedUndelivered, long storedDelivered, long storedUnconfirmed,
                    long unreadable) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static MailboxAudit read(Path database, Map<String, UserIdentity> users, Set<Long> accepted,
                             Set<Long> delivered) {
        NymChatE2e e2e = NymChatE2e.withDefaults();
        long rows = 0;
        long undelivered = 0;
        long deliveredButStored = 0;
        long unconfirmed = 0;
        long unreadable = 0;
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(database));
             SqliteMailbox mailbox = new SqliteMailbox(db)) {
            String after = "";
            List<String> page;
            while (!(page = mailbox.recipientsWithPending(after, 1000)).isEmpty()) {
                for (String recipient : page) {
                    List<MailboxMessage> messages = mailbox.pending(recipient, SqliteMailbox.MAX_LIMIT);
                    for (MailboxMessage m : messages) {
                        rows++;
                        Tally.Parsed p = decrypt(e2e, m, users);
                        if (p == null || !p.to().equals(recipient) || !p.from().equals(m.sender())) {
                            unreadable++;
                        } else if (!accepted.contains(p.seq())) {
                            unconfirmed++;
                        } else if (delivered.contains(p.seq())) {
                            deliveredButStored++;
                        } else {
                            undelivered++;
                        }
                    }
                }
                after = page.get(page.size() - 1);
            }
        }
        return new MailboxAudit(rows, undelivered, deliveredButStored, unconfirmed, unreadable);
    }

    private static Tally.Parsed decrypt(NymChatE2e e2e, MailboxMessage m, Map<String, UserIdentity> users) {
        UserIdentity recipient = users.get(m.recipient());
        UserIdentity sender = users.get(m.sender());
        if (recipient == null || sender == null) {
            return null;
        }
        try {
            String plaintext = e2e.decrypt(recipient.keys().privateKey(), JSON.readTree(m.rawBody()),
                    sender.keys().publicKey());
            JsonNode wrapper = JSON.readTree(plaintext);
            return Tally.parse(wrapper.path("message").asText(""));
        } catch (IOException | E2eException e) {
            return null;
        }
    }
}
