package org.nymdir.vocabulary;

/**
 * Every result the directory can report. Only dialects turn these into wire strings (for v1: see
 * {@code docs/protocol/nymchat-v1.md} and {@code V1Wire}).
 */
public enum Status {
    /** The request did what it asked. */
    SUCCESS,
    /** register without a username or public key. */
    MISSING_USERNAME_OR_KEY,
    /** A username outside {@code [A-Za-z0-9_-]{1,64}}. */
    INVALID_USERNAME,
    /** register for a name that is taken. */
    USERNAME_TAKEN,
    /** register with a public key that is not a P-256 SubjectPublicKeyInfo PEM (validated before storing). */
    INVALID_PUBLIC_KEY,
    /** registrationResponse with no pending registration for this sender tag (or it expired). */
    NO_PENDING_REGISTRATION,
    /** The registration signature verified but the user could not be stored (name taken meanwhile). */
    DATABASE_FAILURE,
    /** registrationResponse whose signature over the nonce does not verify. */
    REGISTRATION_SIGNATURE_FAILED,
    /** login without a username. */
    MISSING_USERNAME,
    /** login for a user that does not exist. */
    USER_NOT_FOUND,
    /** loginResponse with no pending login for this sender tag (or it expired). */
    NO_PENDING_LOGIN,
    /** loginResponse or send whose signature does not verify. */
    INVALID_SIGNATURE,
    /** query without a username. */
    MISSING_QUERY_USERNAME,
    /** query for a user that does not exist. */
    NO_USER_FOUND,
    /** send without content or signature. */
    MISSING_CONTENT_OR_SIGNATURE,
    /** send whose content is not JSON. */
    INVALID_CONTENT_JSON,
    /** send whose content names no sender or recipient. */
    MISSING_SENDER_OR_RECIPIENT,
    /** send from a username that is not registered. */
    UNRECOGNIZED_SENDER,
    /** send to a username that is not registered. */
    RECIPIENT_NOT_FOUND,
    /** send whose exact content was already accepted from this sender (a replay), within the mailbox life. */
    DUPLICATE_MESSAGE,
    /**
     * send to a recipient whose mailbox holds its quota of waiting messages or bytes, or, from a sender the
     * recipient has never written to, whose strangers' share of it is full.
     */
    MAILBOX_FULL,
    /** send from a user who already has the sender quota of bytes waiting in mailboxes. */
    SENDER_QUOTA_FULL,
    /** send while the directory's storage is full: its mailbox cap, its free-space floor or its disk. */
    STORAGE_FULL,
    /** ack without a username or message ids in its content. */
    MISSING_ACK_FIELDS,
    /** rotateKey or deleteAccount whose content lacks its intent, username or (rotation) new key. */
    MISSING_ACCOUNT_FIELDS,
    /** rotateKey or deleteAccount from a tag on which the user did not log in (or register) in this run. */
    NOT_LOGGED_IN,
    /** Too many requests of this kind from this sender tag or user; try again later. */
    RATE_LIMITED,
    /** An action that exists only as a name in the original protocol. */
    UNIMPLEMENTED,
    /** An action nobody defined. */
    UNKNOWN_ACTION,
    /** JSON (a request or a signed content) nested deeper than 32 levels or with a number over 100 characters. */
    JSON_BEYOND_BOUNDS,
    /** The request was larger than the configured maximum. */
    REQUEST_TOO_LARGE,
    /** login, loginResponse, send or ack by (or, unverified, naming as sender) a user the operator blocked. */
    USER_BLOCKED,
    /** send to a user the operator blocked. */
    RECIPIENT_BLOCKED,
    /** The store failed; nothing was changed. */
    INTERNAL_ERROR
}
