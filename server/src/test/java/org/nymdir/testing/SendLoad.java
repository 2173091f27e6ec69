package org.nymdir.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several chat clients sending signed {@code send}s as fast as the directory answers them, each on its own
 * thread with up to {@code window} requests outstanding, round robin over the recipients. Every body is
 * unique ({@code <sender>-<n>}), so a recipient's inbox and the mailbox can be checked body by body.
 *
 * <p>Replies carry no request id, so with one request in flight ({@code window} 1) every answer is matched
 * exactly; with more, replies are matched in order, which is exact only while none is lost. A request whose
 * answer never came (it died with a crashed server, or the nym-client lost it) is reported by
 * {@link #unanswered()}, never guessed. With an {@code answerTimeout}, a sender gives up on such a request
 * after that long, drops its connection (a late answer there can no longer be mistaken for the next one's)
 * and goes on from a new one made by {@code reconnect}.
 */
public final class SendLoad implements AutoCloseable {
    /** A sender: its user and its connection, already registered. */
    public record Sender(TestUser user, ChatPeer peer) {
    }

    private final List<Sender> senders;
    private final List<String> recipients;
    private final int window;
    private final Duration answerTimeout;
    private final java.util.function.Function<TestUser, ChatPeer> reconnect;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, String> accepted = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private volatile boolean stop;
    private volatile long giveUpAt = Long.MAX_VALUE;

    private final List<ChatPeer> peers = Collections.synchronizedList(new ArrayList<>());

    private SendLoad(List<Sender> senders, List<String> recipients, int window, Duration answerTimeout,
                     java.util.function.Function<TestUser, ChatPeer> reconnect) {
        this.senders = List.copyOf(senders);
        this.recipients = List.copyOf(recipients);
        this.window = window;
        this.answerTimeout = answerTimeout;
        this.reconnect = reconnect;
        senders.forEach(sender -> peers.add(sender.peer()));
    }

    /** {@code count} users named sender0, sender1, …, each registered on its own peer from {@code connect}. */
    public static List<Sender> registerSenders(int count, java.util.function.Function<String, ChatPeer> connect) {
        List<Sender> senders = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestUser user = TestUser.named("sender" + i);
            ChatPeer peer = connect.apply(user.name());
            peer.register(user);
            senders.add(new Sender(user, peer));
        }
        return senders;
    }

    /** Starts one thread per sender; senders wait for their answers as long as it takes (see {@link #finish}). */
    public static SendLoad start(List<Sender> senders, List<String> recipients, int window) {
        return start(new SendLoad(senders, recipients, window, null, null));
    }

    /**
     * One request in flight per sender; a request unanswered after {@code answerTimeout} is given up, and the
     * sender goes on from a new connection, {@code reconnect(user)} (connected and logged in).
     */
    public static SendLoad startWithTimeout(List<Sender> senders, List<String> recipients, Duration answerTimeout,
                                            java.util.function.Function<TestUser, ChatPeer> reconnect) {
        return start(new SendLoad(senders, recipients, 1, answerTimeout, reconnect));
    }

    private static SendLoad start(SendLoad load) {
        for (Sender s : load.senders) {
            load.threads.add(Thread.ofPlatform().daemon().name("load-" + s.user().name()).start(() -> load.run(s)));
        }
        return load;
    }

    private void run(Sender sender) {
        Deque<String[]> outstanding = new ArrayDeque<>(); // {body, recipient}
        Sender s = sender;
        long answerDeadline = Long.MAX_VALUE;
        int n = 0;
        try {
            while (!stop || !outstanding.isEmpty()) {
                if (answerTimeout != null && !outstanding.isEmpty() && System.nanoTime() - answerDeadline > 0) {
                    outstanding.forEach(o -> unanswered.add(o[0]));
                    outstanding.clear();
                    s.peer().close();
                    s = new Sender(s.user(), reconnect.apply(s.user()));
                    peers.add(s.peer());
                    continue;
                }
                while (!stop && outstanding.size() < window) {
                    n++;
                    String body = s.user().name() + "-" + n;
                    String recipient = recipients.get(n % recipients.size());
                    String content = Requests.content(s.user().name(), recipient, "\"" + body + "\"");
                    s.peer().send(Requests.send(s.user(), content));
                    sent.incrementAndGet();
                    outstanding.add(new String[] {body, recipient});
                    if (answerTimeout != null) {
                        answerDeadline = System.nanoTime() + answerTimeout.toNanos();
                    }
                }
                JsonNode reply = s.peer().poll(Duration.ofMillis(100));
                if (reply == null) {
                    if (System.nanoTime() - giveUpAt > 0) {
                        outstanding.forEach(o -> unanswered.add(o[0]));
                        return;
                    }
                    continue;
                }
                String[] request = outstanding.poll();
                if (request == null) {
                    failures.add(new AssertionError("a reply nobody asked for: " + reply));
                    continue;
                }
                if (!reply.get("action").textValue().equals("sendResponse")
                        || !reply.get("context").textValue().equals("chat")) {
                    failures.add(new AssertionError("not a send reply: " + reply));
                } else if (reply.get("content").textValue().equals("success")) {
                    accepted.put(request[0], request[1]);
                } else {
                    refused.add(request[0] + ": " + reply.get("content").textValue());
                }
            }
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    /** Sends accepted so far. */
    public int acceptedCount() {
        return accepted.size();
    }

    public int sentCount() {
        return sent.get();
    }

    /** Stops sending new requests; outstanding ones are still waited for. */
    public void stop() {
        stop = true;
    }

    /**
     * Stops sending and waits for the outstanding answers; what has no answer {@code grace} from now is
     * reported as unanswered.
     */
    public void finish(Duration grace) throws InterruptedException {
        stop = true;
        giveUpAt = System.nanoTime() + grace.toNanos();
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Every body that got "success", with its recipient, in the order the answers came. */
    public Map<String, String> accepted() {
        synchronized (accepted) {
            return new LinkedHashMap<>(accepted);
        }
    }

    /** Accepted bodies for one recipient. */
    public List<String> acceptedFor(String recipient) {
        return accepted().entrySet().stream().filter(e -> e.getValue().equals(recipient)).map(Map.Entry::getKey)
                .toList();
    }

    /** Sends answered with an error, as {@code body: content}. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    public List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Stops the senders at once and closes every connection; an interrupt is kept for the caller to see. */
    @Override
    public void close() {
        try {
            finish(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (peers) {
            peers.forEach(ChatPeer::close);
        }
    }
}
