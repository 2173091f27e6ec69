package org.nymdir.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Who has written to whom, as the mailbox needs it for {@link MailQuota}'s friends and strangers, without
 * the store ever holding a pair of names: the directory passes opaque keys (keyed digests of the two names
 * in one order), the store only remembers and looks them up. A database that leaks without the directory's
 * secret shows no social graph, not even how many correspondents a user has.
 *
 * @param replyKey    the key that exists when the recipient has written to the sender: the send counts as a
 *                    friend's
 * @param writeKey    remembered when the message is stored: from now on the sender has written to the recipient
 * @param rememberFor when {@code writeKey} is forgotten unless renewed by a later send (the store never reads a
 *                    clock)
 */
public record Correspondence(byte[] replyKey, byte[] writeKey, Instant rememberFor) {

    /** Length of each key: a SHA-256 digest. */
    public static final int KEY_BYTES = 32;

    public Correspondence {
        Objects.requireNonNull(rememberFor, "rememberFor");
        if (replyKey.length != KEY_BYTES || writeKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("correspondence keys must be " + KEY_BYTES + " bytes");
        }
        replyKey = replyKey.clone();
        writeKey = writeKey.clone();
        rememberFor = StoreArgs.requireStorable(rememberFor, "rememberFor");
    }

    @Override
    public byte[] replyKey() {
        return replyKey.clone();
    }

    @Override
    public byte[] writeKey() {
        return writeKey.clone();
    }

    /** Never the keys. */
    @Override
    public String toString() {
        return "Correspondence[rememberFor=" + rememberFor + "]";
    }
}
