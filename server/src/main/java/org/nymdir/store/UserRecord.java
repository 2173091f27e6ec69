package org.nymdir.store;

/**
 * One row of the original's {@code users} table: a username bound to a P-256 public key (PEM, as the user
 * sent it) and the sender tag of the user's last message (base58, the way to reach them).
 *
 * <p>A sender tag is a handle on reply SURBs held by the nym-client that received the message, so with several
 * directory nodes on one database it is usable only through that node. {@code remoteNode} says which: it is
 * {@code null} when the tag is this node's own (always, on a single-node store), else the id of the node
 * that holds it. Relative to the node that read the record, so a record read and written back by one node
 * compares equal.
 */
public record UserRecord(String username, String publicKeyPem, String senderTag, String remoteNode) {

    /** A user whose tag this node holds. */
    public UserRecord(String username, String publicKeyPem, String senderTag) {
        this(username, publicKeyPem, senderTag, null);
    }

    /** Whether this node's nym-client can answer the sender tag. */
    public boolean isLocal() {
        return remoteNode == null;
    }
}
