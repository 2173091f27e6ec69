package org.nymdir.app.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.nymdir.client.ClientException;
import org.nymdir.client.Incoming;

/**
 * What a client command prints: results and events on stdout, problems on stderr; as text for people or,
 * with {@code --json}, one JSON object per line for scripts. Text mode shows message text with control
 * characters escaped, so a peer cannot drive the terminal.
 */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** A new JSON object for {@link #result}, with its {@code event} field set. */
    ObjectNode event(String name) {
        return JSON.createObjectNode().put("event", name);
    }

    /** Prints {@code text}, or in JSON mode {@code object}. */
    void result(String text, ObjectNode object) {
        out.println(json ? render(object) : text);
        out.flush();
    }

    void incoming(Incoming in) {
        String at = in.receivedAt().toString();
        String from = in.from() == null ? "?" : in.from();
        String route = in.route().label();
        switch (in) {
            case Incoming.Message m -> result("[" + CLOCK.format(m.receivedAt()) + "] " + from + " (" + route + "): "
                    + printable(m.text()), event("message").put("from", from).put("route", route)
                    .put("text", m.text()).put("at", at));
            case Incoming.Handshake h -> result("[" + CLOCK.format(h.receivedAt()) + "] " + from + " (" + route
                    + ") sent a handshake: you can now write to " + from + " directly",
                    event("handshake").put("from", from).put("route", route).put("address", h.address().text())
                            .put("at", at));
            case Incoming.Rejected r -> result("[" + CLOCK.format(r.receivedAt()) + "] refused a message from "
                    + from + " (" + route + "): " + r.reason(), event("rejected").put("from", in.from())
                    .put("route", route).put("reason", r.reason()).put("at", at));
        }
    }

    /** A warning on stderr (text in both modes: scripts read stdout). */
    void warn(String text) {
        err.println("warning: " + text);
        err.flush();
    }

    /** Prints the failure on stderr and returns its exit code. */
    int fail(ClientException e) {
        return fail(ExitCodes.name(e), e.getMessage(), ExitCodes.of(e));
    }

    int fail(String kind, String message, int exitCode) {
        err.println(json ? render(JSON.createObjectNode().put("error", kind).put("message", message)
                .put("exitCode", exitCode)) : "error: " + message);
        err.flush();
        return exitCode;
    }

    private static String render(ObjectNode object) {
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Control characters (and the bidi overrides that reorder a line) as escapes. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
