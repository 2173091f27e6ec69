package org.nymdir.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ClientWire;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.mixnet.wire.WireException;

/**
 * A WebSocket test peer on the JDK's {@code java.net.http.WebSocket}: connects, sends text or binary frames, and
 * collects every frame it receives (fragments joined) so a test can wait for the next one with a timeout.
 *
 * <pre>{@code
 * try (WsPeer peer = WsPeer.connect(sim.serviceUrl())) {
 *     peer.send(new ClientRequest.SelfAddress(), true);
 *     ServerResponse r = peer.nextResponse();
 *     peer.expectNothing(Duration.ofMillis(200));
 * }
 * }</pre>
 *
 * <p>Waits never sleep for a fixed time: they return as soon as a frame arrives. Only {@link #expectNothing}
 * waits out its window, by definition.
 */
public final class WsPeer implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** One received WebSocket message. */
    public sealed interface Frame {
        record Text(String text) implements Frame {
        }

        record Binary(byte[] bytes) implements Frame {
            @Override
            public String toString() {
                return "Binary[" + bytes.length + " bytes]";
            }
        }
    }

    private final WebSocket socket;
    private final Listener listener;

    private WsPeer(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    /** Connects, or fails the test after {@link #DEFAULT_TIMEOUT}. */
    public static WsPeer connect(URI uri) {
        Listener listener = new Listener();
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(DEFAULT_TIMEOUT)
                    .buildAsync(uri, listener).get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new WsPeer(ws, listener);
        } catch (ExecutionException e) {
            throw new ConnectFailed(uri, e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectFailed(uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectFailed(uri, e);
        }
    }

    /** Tries to connect, expecting to be refused; returns the failure, or fails the test if it connected. */
    public static Throwable connectFailure(URI uri) {
        WsPeer unexpected;
        try {
            unexpected = connect(uri);
        } catch (ConnectFailed e) {
            return e.getCause();
        }
        unexpected.close();
        throw new AssertionError("expected " + uri + " to refuse the connection, but it was accepted");
    }

    /**
     * Connects, retrying while the server still refuses (e.g. it has not yet noticed that the previous connection
     * to the same client closed).
     */
    public static WsPeer connectWhenFree(URI uri, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return connect(uri);
            } catch (ConnectFailed e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // a retry pause, not a timing assumption
            }
        }
    }

    /** A connection attempt that did not succeed. */
    public static final class ConnectFailed extends RuntimeException {
        ConnectFailed(URI uri, Throwable cause) {
            super("could not connect to " + uri + ": " + cause, cause);
        }
    }

    public synchronized void sendText(String text) {
        socket.sendText(text, true).join(); // java.net.http allows one outstanding send at a time
    }

    public synchronized void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Sends a nym-client request as a text or binary frame. */
    public void send(ClientRequest request, boolean text) {
        if (text) {
            sendText(ClientWire.toText(request));
        } else {
            sendBinary(ClientWire.toBinary(request));
        }
    }

    public Frame next() {
        return next(DEFAULT_TIMEOUT);
    }

    /** The next received frame; fails the test if none arrives in time. */
    public Frame next(Duration timeout) {
        try {
            Frame f = listener.frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (f == null) {
                throw new AssertionError("no frame within " + timeout + (listener.closed.isDone()
                        ? " (connection closed: " + listener.closed.getNow(null) + ")" : ""));
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next received frame, or null if none arrives within {@code timeout}. */
    public Frame poll(Duration timeout) {
        try {
            return listener.frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public String nextText() {
        Frame f = next();
        if (!(f instanceof Frame.Text t)) {
            throw new AssertionError("expected a text frame, got " + f);
        }
        return t.text();
    }

    public byte[] nextBinary() {
        Frame f = next();
        if (!(f instanceof Frame.Binary b)) {
            throw new AssertionError("expected a binary frame, got " + f);
        }
        return b.bytes();
    }

    /** The next frame decoded as a nym-client response, whatever its frame type. */
    public ServerResponse nextResponse() {
        return decode(next());
    }

    public static ServerResponse decode(Frame f) {
        try {
            return switch (f) {
                case Frame.Text t -> ClientWire.fromText(t.text());
                case Frame.Binary b -> ClientWire.fromBinary(b.bytes());
            };
        } catch (WireException e) {
            throw new AssertionError("undecodable frame " + f + ": " + e.getMessage(), e);
        }
    }

    /** Fails the test if any frame arrives within {@code window}. */
    public void expectNothing(Duration window) {
        try {
            Frame f = listener.frames.poll(window.toNanos(), TimeUnit.NANOSECONDS);
            if (f != null) {
                throw new AssertionError("expected no frame, got " + f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Frames received and not yet taken. */
    public int pending() {
        return listener.frames.size();
    }

    /** Waits for the server to close the connection; the close code, or -1 if it was cut without one. */
    public int awaitClosed(Duration timeout) {
        try {
            return listener.closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("connection still open after " + timeout);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    public boolean isClosed() {
        return listener.closed.isDone();
    }

    /** Closes politely and waits briefly for the server's answer; aborts if it does not come. */
    @Override
    public void close() {
        if (!listener.closed.isDone()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
                listener.closed.get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // fall through to abort
            }
        }
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(new Frame.Text(text.toString()));
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                frames.add(new Frame.Binary(binary.toByteArray()));
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }

    /** UTF-8 of a string, for building messages in tests. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
