package org.nymdir.mixnet;

/** The link's outbound queue is full: the message was not queued. Stackless: it is an expected condition. */
public final class OutboundFullException extends RuntimeException {
    public OutboundFullException(int capacity) {
        super("outbound queue full (" + capacity + " messages)", null, false, false);
    }
}
