package org.nymdir.client;

/** How a chat message travels. */
public enum Route {
    /** Relayed by the directory to the recipient's SURBs: nobody learns anybody's nym address. */
    DIRECTORY,
    /** Straight to the peer's nym address, which the peer revealed to us in a handshake. */
    DIRECT;

    /** Lower-case, for transcripts and JSON output. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
