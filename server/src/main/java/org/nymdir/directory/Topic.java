package org.nymdir.directory;

/** What a reply is about; each dialect maps a topic to its own reply action and context. */
public enum Topic {
    /** register / registrationResponse. */
    REGISTRATION,
    /** login / loginResponse. */
    LOGIN,
    /** query (public key lookup). */
    QUERY,
    /** send (relay through the directory). */
    SEND,
    /** ack (nymdir extension): the recipient confirms relayed messages. */
    ACK,
    /** rotateKey (nymdir extension): a user moves to a new key. */
    ROTATE_KEY,
    /** deleteAccount (nymdir extension): a user gives their account up. */
    DELETE_ACCOUNT,
    /** update: named by the original protocol, never implemented. */
    UPDATE,
    /** sendGroup: named by the original protocol, never implemented. */
    SEND_GROUP,
    /** createGroup: named by the original protocol, never implemented. */
    CREATE_GROUP,
    /** inviteGroup: named by the original protocol, never implemented. */
    INVITE_GROUP,
    /** any action the directory does not know. */
    UNKNOWN
}
