package org.nymdir.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.nymdir.app.cli.WorkFolder;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.dialect.DecodeResult;
import org.nymdir.dialect.v1.V1Dialect;
import org.nymdir.directory.Directory;
import org.nymdir.directory.DirectoryConfig;
import org.nymdir.directory.EcdsaVerifier;
import org.nymdir.directory.Nonces;
import org.nymdir.directory.Outcome;
import org.nymdir.directory.Stores;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientWire;
import org.nymdir.store.UserRecord;
import org.nymdir.store.memory.InMemoryMailbox;
import org.nymdir.store.memory.InMemoryPresence;
import org.nymdir.store.memory.InMemoryUserStore;
import org.nymdir.store.sqlite.SqliteConfig;
import org.nymdir.store.sqlite.SqliteDatabase;
import org.nymdir.store.sqlite.SqliteMailbox;
import org.nymdir.store.sqlite.SqlitePresence;
import org.nymdir.store.sqlite.SqliteUserStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Everything the directory computes for one relayed message, in process and without the network: decode,
 * look both users up (SQLite), verify, commit to the mailbox, sign and render the sender's reply and the
 * recipient's delivery, wrap both into nym-client frames, and record the hand-off. One caller: every
 * mailbox write pays its own commit here, where under load the group commit shares them. The floor under the directory's CPU time per relay in {@code nymdir bench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RelayPathBench {
    @Param({"native", "jdk"})
    public String provider;

    /** "sqlite" as served (FULL sync), or "memory": the difference is what the store costs per relay. */
    @Param({"sqlite", "memory"})
    public String store;

    private Path dir;
    private SqliteDatabase database;
    private V1Dialect dialect;
    private Directory directory;
    private String request;
    private final String senderTag = SenderTag.parse("zXExeyvPEHUk9rjXTu78T").base58();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Ecdsa ecdsa = Fixture.ecdsa(provider);
        dir = Files.createTempDirectory("nymdir-jmh");
        Stores stores;
        if (store.equals("memory")) {
            stores = new Stores(new InMemoryUserStore(), new InMemoryMailbox(), new InMemoryPresence());
        } else {
            database = SqliteDatabase.open(SqliteConfig.defaults(dir.resolve("users.db")));
            stores = new Stores(new SqliteUserStore(database), new SqliteMailbox(database),
                    new SqlitePresence(database));
        }
        var users = stores.users();
        EcKeyPair alice = EcKeyPair.generate(Fixture.RANDOM);
        users.insertUser(new UserRecord("alice", alice.publicKeyPem(), senderTag));
        users.insertUser(new UserRecord("bob", EcKeyPair.generate(Fixture.RANDOM).publicKeyPem(),
                SenderTag.parse("6CzGHguLGCk1f416kwDZB7").base58()));
        dialect = new V1Dialect(Fixture.signer(ecdsa), V1Dialect.DEFAULT_MAX_REQUEST_BYTES);
        Clock clock = Clock.systemUTC();
        // limits on but far away: their bookkeeping is part of the cost, refusals are not
        directory = new Directory(stores, new EcdsaVerifier(ecdsa, 1 << 20), new Nonces(new SecureRandom()), clock,
                DirectoryConfig.defaults().withRates(Fixture.unlimited()));
        request = Fixture.send(ecdsa, ecdsa.provider().importPrivateKey(alice.privateKey()),
                Fixture.content("alice", "bob"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (database != null) {
            database.close();
        }
        WorkFolder.deleteTree(dir);
    }

    @Benchmark
    public int relay() {
        DecodeResult.Decoded d = (DecodeResult.Decoded) dialect.decode(request);
        Outcome outcome = directory.handle(d.request(), senderTag);
        int n = 0;
        for (Outcome.Delivery delivery : outcome.deliveries()) {
            n += frame(delivery.senderTag(), dialect.encode(delivery.reply())).length();
            directory.handedOff(delivery); // the mailbox's second write, as when the link reports it written
        }
        return n + frame(senderTag, dialect.encode(outcome.reply())).length();
    }

    private static String frame(String tag, String message) {
        return ClientWire.replyText(SenderTag.parse(tag), message);
    }
}
