package org.nymdir.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A chat client that is also a recipient: a thread reads everything the directory sends it, keeps the
 * forwarded messages ({@code incomingMessage}) in arrival order, and queues the replies to its own requests
 * for {@link #call}. Every frame is checked as {@link ChatPeer} checks it (envelope, directory signature).
 */
public final class Inbox implements DirectoryCaller, AutoCloseable {
    /** One forwarded message: who sent it, its body (the JSON text of a string body: its value), and its id. */
    public record Message(String sender, String body, String id) {
    }

    private final ChatPeer peer;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final List<Message> received = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final Thread reader;
    private volatile boolean open = true;

    public Inbox(ChatPeer peer) {
        this.peer = peer;
        this.reader = Thread.ofPlatform().daemon().name("inbox").start(this::read);
    }

    private void read() {
        while (open) {
            try {
                JsonNode frame = peer.poll(Duration.ofMillis(100));
                if (frame == null) {
                    continue;
                }
                if (frame.get("action").textValue().equals("incomingMessage")) {
                    JsonNode content = ChatPeer.parse(frame.get("content").textValue());
                    JsonNode body = content.get("body");
                    JsonNode id = content.get("id");
                    synchronized (received) {
                        received.add(new Message(content.get("sender").textValue(),
                                body.isTextual() ? body.textValue() : body.toString(),
                                id == null ? null : id.textValue()));
                    }
                } else {
                    replies.add(frame);
                }
            } catch (Throwable t) {
                synchronized (failures) {
                    failures.add(t);
                }
            }
        }
    }

    public ChatPeer peer() {
        return peer;
    }

    /** Sends a request and returns its reply (forwarded messages meanwhile go to {@link #received}). */
    @Override
    public JsonNode call(ObjectNode request) {
        peer.send(request);
        return nextReply(Duration.ofSeconds(15));
    }

    public JsonNode nextReply(Duration timeout) {
        try {
            JsonNode reply = replies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (reply == null) {
                throw new AssertionError("no reply within " + timeout + "; reader failures: " + failures());
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Replies that arrived and were not taken. */
    public int pendingReplies() {
        return replies.size();
    }

    /** Every forwarded message so far, in arrival order. */
    public List<Message> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<String> bodies() {
        return received().stream().map(Message::body).toList();
    }

    /** Waits until every one of {@code bodies} arrived (at least once). */
    public void awaitBodies(String what, Collection<String> bodies, Duration timeout) {
        Set<String> wanted = new HashSet<>(bodies);
        Await.until(what, () -> new HashSet<>(bodies()).containsAll(wanted), timeout);
    }

    public List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peer.close();
    }
}
