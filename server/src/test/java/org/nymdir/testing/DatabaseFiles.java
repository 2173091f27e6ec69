package org.nymdir.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.sqlite.SqliteConfig;
import org.nymdir.store.sqlite.SqliteDatabase;
import org.nymdir.store.sqlite.SqliteMailbox;

/** Looks into a directory's SQLite file while no server has it open (after a stop or a crash). */
public final class DatabaseFiles {
    private DatabaseFiles() {
    }

    /** SQLite's own check of the file: every page, index and constraint. */
    public static void assertIntact(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("PRAGMA integrity_check of %s", file).isEqualTo("ok");
        }
    }

    /** Every message waiting in the mailbox, by recipient, each recipient's in delivery order. */
    public static Map<String, List<MailboxMessage>> mailbox(Path file) {
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file));
             SqliteMailbox mailbox = new SqliteMailbox(db)) {
            return contents(mailbox);
        }
    }

    /** Every message waiting in {@code mailbox}, of any store, by recipient, each in delivery order. */
    public static Map<String, List<MailboxMessage>> contents(Mailbox mailbox) {
        Map<String, List<MailboxMessage>> out = new LinkedHashMap<>();
        String after = "";
        List<String> page;
        while (!(page = mailbox.recipientsWithPending(after, 1000)).isEmpty()) {
            for (String recipient : page) {
                out.put(recipient, new ArrayList<>(mailbox.pending(recipient, Mailbox.MAX_LIMIT)));
            }
            after = page.get(page.size() - 1);
        }
        return out;
    }
}
