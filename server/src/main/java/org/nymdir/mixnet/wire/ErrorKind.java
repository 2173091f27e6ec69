package org.nymdir.mixnet.wire;

/**
 * nym-client's error kinds (reference A.4): the byte sent in binary {@code error} frames and the description that
 * prefixes the text of a JSON {@code error} ({@code "<description>:<detail>"}).
 */
public enum ErrorKind {
    /** The received request contained no data. */
    EMPTY_REQUEST(0x01, "received request contained no data"),
    /** The received request did not contain enough data to be fully parsed. */
    TOO_SHORT_REQUEST(0x02, "received request did not contain enough data"),
    /** The received request tag is not defined. */
    UNKNOWN_REQUEST(0x03, "unknown request type"),
    /** The received request is malformed (this also covers every JSON error). */
    MALFORMED_REQUEST(0x04, "malformed request"),
    /** The received response contained no data. */
    EMPTY_RESPONSE(0x80, "received response contained no data"),
    /** The received response did not contain enough data to be fully parsed. */
    TOO_SHORT_RESPONSE(0x81, "received response did not contain enough data"),
    /** The received response tag is not defined. */
    UNKNOWN_RESPONSE(0x82, "unknown response type"),
    /** The received response is malformed. */
    MALFORMED_RESPONSE(0x83, "malformed response"),
    /** Anything else; nym-client defines it but its WebSocket handler never sends it. */
    OTHER(0xFF, "other");

    private final int code;
    private final String description;

    ErrorKind(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The byte used in binary frames. */
    public byte code() {
        return (byte) code;
    }

    /** The text-mode prefix, before the {@code ':'}. */
    public String description() {
        return description;
    }

    /** The kind with this byte, or {@code null} if nym-client defines none. */
    public static ErrorKind fromCode(byte code) {
        for (ErrorKind kind : values()) {
            if (kind.code == (code & 0xFF)) {
                return kind;
            }
        }
        return null;
    }

    /** The text of an {@code error} in text mode: {@code "<description>:<detail>"}, nym-client's Display. */
    public String text(String detail) {
        return description + ":" + detail;
    }
}
