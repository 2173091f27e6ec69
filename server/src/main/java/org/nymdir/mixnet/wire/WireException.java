package org.nymdir.mixnet.wire;

/**
 * A frame that could not be decoded. Carries the nym-client error kind and the detail text, so a server can answer
 * with exactly the {@code error} response a real nym-client gives ({@link #toResponse()}).
 *
 * <p>Stackless: decode failures are expected input, not bugs. The detail may quote parts of the input (serde_json
 * does, e.g. {@code invalid type: string "..."}), so it must not be logged where message contents must not go.
 */
public final class WireException extends Exception {
    private final ErrorKind kind;
    private final String detail;

    public WireException(ErrorKind kind, String detail) {
        super(kind.text(detail), null, false, false);
        this.kind = kind;
        this.detail = detail;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The bare detail, as sent in a binary error frame (no kind prefix). */
    public String detail() {
        return detail;
    }

    /** The {@code error} response a nym-client sends for this failure. */
    public ServerResponse.Error toResponse() {
        return new ServerResponse.Error(kind, detail);
    }
}
