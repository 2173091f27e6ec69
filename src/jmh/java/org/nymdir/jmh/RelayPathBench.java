package org.nymdir.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.dialect.DecodeResult;
import org.nymdir.dialect.v1.V1Dialect;
import org.nymdir.directory.ChallengePolicy;
import org.nymdir.directory.Directory;
import org.nymdir.directory.EcdsaVerifier;
import org.nymdir.directory.Nonces;
import org.nymdir.directory.Outcome;
import org.nymdir.mixnet.SenderTag;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ClientWire;
import org.nymdir.store.UserRecord;
import org.nymdir.store.sqlite.SqliteConfig;
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
 * look both users up (SQLite), verify, sign and render the sender's reply and the recipient's delivery, and
 * wrap both into nym-client frames. The floor under the directory's CPU time per relay in {@code nymdir bench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RelayPathBench {
    @Param({"native", "jdk"})
    public String provider;

    private Path dir;
    private SqliteUserStore store;
    private V1Dialect dialect;
    private Directory directory;
    private String request;
    private final String senderTag = SenderTag.parse("zXExeyvPEHUk9rjXTu78T").base58();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Ecdsa ecdsa = Fixture.ecdsa(provider);
        dir = Files.createTempDirectory("nymdir-jmh");
        store = SqliteUserStore.open(SqliteConfig.defaults(dir.resolve("users.db")));
        EcKeyPair alice = EcKeyPair.generate(Fixture.RANDOM);
        store.insertUser(new UserRecord("alice", alice.publicKeyPem(), senderTag));
        store.insertUser(new UserRecord("bob", EcKeyPair.generate(Fixture.RANDOM).publicKeyPem(),
                SenderTag.parse("6CzGHguLGCk1f416kwDZB7").base58()));
        dialect = new V1Dialect(Fixture.signer(ecdsa), V1Dialect.DEFAULT_MAX_REQUEST_BYTES);
        directory = new Directory(store, new EcdsaVerifier(ecdsa, 1000), new Nonces(new SecureRandom()),
                ChallengePolicy.defaults(Clock.systemUTC()));
        request = Fixture.send(ecdsa, ecdsa.provider().importPrivateKey(alice.privateKey()),
                Fixture.content("alice", "bob"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    @Benchmark
    public int relay() {
        DecodeResult.Decoded d = (DecodeResult.Decoded) dialect.decode(request);
        Outcome outcome = directory.handle(d.request(), senderTag);
        int n = 0;
        for (Outcome.Delivery delivery : outcome.deliveries()) {
            n += frame(delivery.senderTag(), dialect.encode(delivery.reply())).length();
        }
        return n + frame(senderTag, dialect.encode(outcome.reply())).length();
    }

    private static String frame(String tag, String message) {
        return ClientWire.toText(new ClientRequest.Reply(SenderTag.parse(tag),
                message.getBytes(StandardCharsets.UTF_8), null));
    }
}
