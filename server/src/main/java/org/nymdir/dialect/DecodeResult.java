package org.nymdir.dialect;

import org.nymdir.directory.Reply;
import org.nymdir.directory.Request;

/** What became of a request text at the wire edge. */
public sealed interface DecodeResult {

    /** A request for the directory. */
    record Decoded(Request request) implements DecodeResult {
    }

    /** Refused before decoding (too large): the sender still gets this answer. */
    record Rejected(Reply reply, String reasonForLog) implements DecodeResult {
    }

    /** Not a request at all (not JSON, not an object): logged without content and dropped. */
    record Dropped(String reasonForLog) implements DecodeResult {
    }
}
