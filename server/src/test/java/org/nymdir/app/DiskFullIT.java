package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.Requests;
import org.nymdir.testing.LocalDirectoryExtension;
import org.nymdir.testing.TestUser;

/**
 * Issue 10's full disk, over the wire. Before: every write answered {@code error: internal error}, and after
 * space was freed sends and logins kept failing until a restart. Now new mail is refused with
 * {@code error: directory storage full} while lookups, logins and registrations go on, and the first send
 * after space returns succeeds, on the same process. Two ways to fill: the free-space floor (the disk's free
 * bytes behind a seam), and a real SQLITE_FULL (the database capped with {@code max_page_count}).
 */
class DiskFullIT {
    private static final long GIB = 1L << 30;

    private final AtomicLong free = new AtomicLong(10 * GIB);
    @RegisterExtension
    final LocalDirectoryExtension env = LocalDirectoryExtension.builder().settings(Map.of("NYMDIR_LIMIT_SEND", "off"))
            .freeSpace(free::get).build();
    private final List<ChatPeer> peers = new ArrayList<>();
    private final TestUser alice = TestUser.named("alice");
    private final TestUser bob = TestUser.named("bob");
    private ChatPeer alicePeer;

    @BeforeEach
    void start() {
        alicePeer = peer("alice");
        alicePeer.register(alice);
        ChatPeer bobPeer = peer("bob");
        bobPeer.register(bob);
        // bob keeps his mail until he acks it and is away: what is sent to him stays on the disk
        String content = Fixtures.JSON.createObjectNode().put("username", "bob")
                .set("ids", Fixtures.JSON.createArrayNode()).toString();
        bobPeer.call(Fixtures.JSON.createObjectNode().put("action", "ack").put("content", content)
                .put("signature", bob.sign(content)));
        bobPeer.close();
    }

    @AfterEach
    void stop() {
        peers.forEach(ChatPeer::close);
    }

    private ChatPeer peer(String id) {
        ChatPeer p = env.peer(id);
        peers.add(p);
        return p;
    }

    private String send(String body) {
        JsonNode reply = alicePeer.call(Requests.send(alice, Requests.content("alice", "bob", body)));
        assertThat(reply.get("action").textValue()).isEqualTo("sendResponse");
        return reply.get("content").textValue();
    }

    /** A lookup, a registration and a login from fresh connections: none of them is new mail. */
    private void everythingButNewMailWorks(String newUser) {
        ChatPeer other = peer("lookup-" + newUser);
        assertThat(other.call(Requests.query("alice")).get("content").textValue()).contains("alice");
        TestUser user = TestUser.named(newUser);
        other.register(user); // asserts success
        peer("again-" + newUser).login(user); // asserts success
    }

    @Test
    void belowTheFreeSpaceFloorNewMailIsRefusedAndComesBackWithTheSpace() {
        assertThat(send("\"before\"")).isEqualTo("success");
        free.set(100L << 20); // below the default floor of 256 MiB
        assertThat(send("\"while full\"")).isEqualTo("error: directory storage full");
        everythingButNewMailWorks("carol");
        free.set(10 * GIB);
        assertThat(send("\"after\"")).as("no restart").isEqualTo("success");
    }

    @Test
    void aRealSqliteFullIsRefusedCleanlyAndTheDirectoryRecoversWithoutARestart() {
        var db = env.directory().sqliteDatabase();
        long pages = db.read(c -> c.queryLong("PRAGMA page_count"));
        db.write(c -> c.queryLong("PRAGMA max_page_count = " + (pages + 16)));
        String body = "\"" + "x".repeat(3000) + "\"";
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 100 && !answers.contains("error: directory storage full"); i++) {
            answers.add(send(body.replace("xxxx", String.format("%04d", i))));
        }
        assertThat(answers).as("sends until the file is full").contains("success")
                .endsWith("error: directory storage full").doesNotContain("error: internal error");
        db.write(c -> c.queryLong("PRAGMA max_page_count = 1073741823")); // the disk has room again
        assertThat(send("\"after\"")).as("the first send after space returned, same process").isEqualTo("success");
        everythingButNewMailWorks("dave");
        assertThat(send("\"and after that\"")).isEqualTo("success");
    }
}
