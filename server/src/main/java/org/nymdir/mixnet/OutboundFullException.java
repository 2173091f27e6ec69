package org.nymdir.mixnet;

/** The link's outbound queue is full: the message was not queued. Stackless: it is an expected condition. */
public final class OutboundFullException extends RuntimeException {
    public OutboundFullException(int capacity) {
        this(capacity + " messages");
    }

    /** @param bound the bound that was reached, e.g. {@code "67108864 bytes"} */
    public OutboundFullException(String bound) {
        super("outbound queue full (" + bound + ")", null, false, false);
    }
}
