package org.nymdir.dialect;

import org.nymdir.directory.Reply;

/**
 * A wire format of chat requests and replies. Decoding checks size and shape before it allocates much,
 * and never throws; encoding renders and signs a reply.
 */
public interface Dialect {

    DecodeResult decode(String requestText);

    /** The text to hand to the mixnet as the reply's message. */
    String encode(Reply reply);
}
