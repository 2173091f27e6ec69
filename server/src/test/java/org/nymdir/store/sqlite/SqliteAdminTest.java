package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nymdir.store.Presence;
import org.nymdir.store.StoreAdmin;
import org.nymdir.store.StoreAdminContract;
import org.nymdir.store.UserRecord;

class SqliteAdminTest extends StoreAdminContract {

    @Override
    protected Opened open() {
        SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(dir.resolve("directory.db")));
        return new Opened(new SqliteUserStore(db), new SqliteMailbox(db),
                new SqlitePresence(db, Presence.DEFAULT_GRANULARITY), new SqliteAdmin(db), db::close);
    }

    @Test
    void theBackupOpensAsADirectoryWithEveryUser() {
        for (int i = 0; i < 50; i++) {
            stores.users().insertUser(new UserRecord("user" + i, "key" + i, "tag" + i));
        }
        Path to = dir.resolve("copy.db");
        assertThat(stores.admin().backup(to)).isInstanceOf(StoreAdmin.Backup.Written.class);
        try (SqliteDatabase copy = SqliteDatabase.open(SqliteConfig.defaults(to))) {
            assertThat(new SqliteUserStore(copy).countUsers()).isEqualTo(50);
            assertThat(new SqliteUserStore(copy).findUser("user49")).isPresent();
        }
        assertThat(dir.toFile().list()).as("no temporary folder left").noneMatch(n -> n.startsWith(".nymdir-backup"));
    }
}
