package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestUser;
import org.slf4j.LoggerFactory;

/**
 * Issue 10: the directory's log held a prefix of the sender tag on every request line, and the users table
 * holds each user's tag, so the log joined into per-user activity timelines. Users register, log in, write to
 * each other and are refused through the local mixnet; no line the directory logs (the per-request line at
 * debug included) holds 6 characters in a row of any user's tag.
 */
class LogPrivacyIT {
    private static final int WINDOW = 6; // the old prefix's length

    @TempDir
    Path dir;

    @Test
    void noLogLineHoldsAnyPartOfASenderTag() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger nymdir = (Logger) LoggerFactory.getLogger("org.nymdir");
        Logger pipeline = (Logger) LoggerFactory.getLogger(Pipeline.class);
        Level before = pipeline.getLevel();
        pipeline.setLevel(Level.DEBUG); // the per-request line
        nymdir.addAppender(logged);
        List<String> tags = new ArrayList<>();
        try (LocalDirectory running = LocalDirectory.builder(dir).settings(Map.of("NYMDIR_MAILBOX_QUOTA", "1"))
                .start()) {
            TestUser alice = TestUser.named("alice");
            TestUser bob = TestUser.named("bob");
            try (ChatPeer b = ChatPeer.connect(running.sim().clientUrl("bob"), running.address(),
                    running.directory().publicKeyPem())) {
                b.register(bob);
            } // bob away: alice's mail waits, the second is refused (quota 1)
            try (ChatPeer a = ChatPeer.connect(running.sim().clientUrl("alice"), running.address(),
                    running.directory().publicKeyPem())) {
                a.register(alice);
                a.call(Requests.send(alice, Requests.content("alice", "bob", "\"one\"")));
                a.call(Requests.send(alice, Requests.content("alice", "bob", "\"two\"")));
                a.call(Requests.query("bob"));
                a.sendRaw("{\"action\": \"nonsense\"}");
                a.nextReply();
                a.sendRaw("not json");
            }
            try (ChatPeer again = ChatPeer.connect(running.sim().clientUrl("bob2"), running.address(),
                    running.directory().publicKeyPem())) {
                again.login(bob); // a new tag for bob, and alice's waiting mail delivered to it
                again.poll(Duration.ofSeconds(5));
            }
            running.stopDirectory();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + running.files().database());
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT senderTag FROM users")) {
                while (rs.next()) {
                    tags.add(rs.getString(1));
                }
            }
        } finally {
            nymdir.detachAppender(logged);
            pipeline.setLevel(before);
        }
        assertThat(tags).hasSize(2);
        List<String> lines = logged.list.stream()
                // the directory's own lines, not the local mixnet's nor the test clients'
                .filter(e -> !e.getLoggerName().startsWith("org.nymdir.sim")
                        && !e.getLoggerName().startsWith("org.nymdir.testing")
                        && !e.getLoggerName().startsWith("org.nymdir.client"))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).as("the directory logged its requests").anyMatch(l -> l.startsWith("send -> "));
        for (String tag : tags) {
            for (int i = 0; i + WINDOW <= tag.length(); i++) {
                String part = tag.substring(i, i + WINDOW);
                assertThat(lines).as("lines holding %s, part of a stored tag", part).noneMatch(l -> l.contains(part));
            }
        }
    }
}
