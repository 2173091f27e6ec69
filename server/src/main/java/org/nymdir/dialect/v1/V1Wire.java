package org.nymdir.dialect.v1;

import org.nymdir.directory.Topic;
import org.nymdir.vocabulary.Status;

/**
 * Every token of the nymCHAT v1 protocol in one place: request actions, reply actions, contexts and reply
 * strings, exactly as on the wire. The spec is {@code docs/protocol/nymchat-v1.md}; a string changes here
 * and there in the same commit.
 */
public final class V1Wire {
    private V1Wire() {
    }

    // Request actions.
    public static final String REGISTER = "register";
    public static final String REGISTRATION_RESPONSE = "registrationResponse";
    public static final String LOGIN = "login";
    public static final String LOGIN_RESPONSE = "loginResponse";
    public static final String QUERY = "query";
    public static final String SEND = "send";
    public static final String UPDATE = "update";
    public static final String SEND_GROUP = "sendGroup";
    public static final String CREATE_GROUP = "createGroup";
    public static final String INVITE_GROUP = "inviteGroup";
    /** nymdir extension: delivery acknowledgement. */
    public static final String ACK = "ack";
    /** nymdir extension: key rotation, signed by the old and the new key. */
    public static final String ROTATE_KEY = "rotateKey";
    /** nymdir extension: account deletion, signed by the key. */
    public static final String DELETE_ACCOUNT = "deleteAccount";

    /** nymdir extension: the registration puzzle in a challenge, and its solution in a registrationResponse. */
    public static final String WORK = "work";
    /** The puzzle's scheme: {@code org.nymdir.crypto.Hashcash}. */
    public static final String WORK_SCHEME = "nymdir-hashcash-sha256";

    // Reply actions.
    public static final String CHALLENGE = "challenge";
    public static final String CHALLENGE_RESPONSE = "challengeResponse";
    public static final String QUERY_RESPONSE = "queryResponse";
    public static final String SEND_RESPONSE = "sendResponse";
    public static final String INCOMING_MESSAGE = "incomingMessage";
    public static final String ERROR = "error";
    public static final String ACK_RESPONSE = "ackResponse";
    public static final String ROTATE_KEY_RESPONSE = "rotateKeyResponse";
    public static final String DELETE_ACCOUNT_RESPONSE = "deleteAccountResponse";

    // Contexts.
    public static final String CTX_REGISTRATION = "registration";
    public static final String CTX_LOGIN = "login";
    public static final String CTX_QUERY = "query";
    public static final String CTX_CHAT = "chat";
    /** nymdir extension: replies to account requests. */
    public static final String CTX_ACCOUNT = "account";

    /** The reply action for a result of this topic. */
    static String resultAction(Topic topic) {
        return switch (topic) {
            case REGISTRATION, LOGIN -> CHALLENGE_RESPONSE;
            case QUERY -> QUERY_RESPONSE;
            case SEND -> SEND_RESPONSE;
            case ACK -> ACK_RESPONSE;
            case ROTATE_KEY -> ROTATE_KEY_RESPONSE;
            case DELETE_ACCOUNT -> DELETE_ACCOUNT_RESPONSE;
            case UPDATE -> "updateResponse";
            case SEND_GROUP -> "sendGroupResponse";
            case CREATE_GROUP -> "createGroupResponse";
            case INVITE_GROUP -> "inviteGroupResponse";
            case UNKNOWN -> ERROR;
        };
    }

    static String context(Topic topic) {
        return switch (topic) {
            case REGISTRATION -> CTX_REGISTRATION;
            case LOGIN -> CTX_LOGIN;
            case QUERY -> CTX_QUERY;
            case ROTATE_KEY, DELETE_ACCOUNT -> CTX_ACCOUNT;
            case SEND, ACK, UPDATE, SEND_GROUP, CREATE_GROUP, INVITE_GROUP, UNKNOWN -> CTX_CHAT;
        };
    }

    /** The reply content for a status (public: clients recognise replies by these strings). */
    public static String text(Status status) {
        return switch (status) {
            case SUCCESS -> "success";
            case MISSING_USERNAME_OR_KEY -> "error: missing username or public key";
            case INVALID_USERNAME -> "error: invalid username format";
            case USERNAME_TAKEN -> "error: username already in use";
            case INVALID_PUBLIC_KEY -> "error: invalid public key";
            case NO_PENDING_REGISTRATION -> "error: no pending registration for sender";
            case DATABASE_FAILURE -> "error: database failure";
            case REGISTRATION_SIGNATURE_FAILED -> "error: signature verification failed";
            case MISSING_USERNAME -> "error: missing username";
            case USER_NOT_FOUND -> "error: user not found";
            case NO_PENDING_LOGIN -> "error: no pending login for sender";
            case INVALID_SIGNATURE -> "error: invalid signature";
            case MISSING_QUERY_USERNAME -> "error: missing 'username' field";
            case NO_USER_FOUND -> "No user found";
            case MISSING_CONTENT_OR_SIGNATURE -> "error: missing 'content' or 'signature'";
            case INVALID_CONTENT_JSON -> "error: invalid JSON in content";
            case MISSING_SENDER_OR_RECIPIENT -> "error: missing 'sender' or 'recipient' field in message content";
            case UNRECOGNIZED_SENDER -> "error: unrecognized sender username";
            case RECIPIENT_NOT_FOUND -> "error: recipient not found";
            case DUPLICATE_MESSAGE -> "error: duplicate message";
            case MAILBOX_FULL -> "error: recipient mailbox full";
            case SENDER_QUOTA_FULL -> "error: sender quota full";
            case STORAGE_FULL -> "error: directory storage full";
            case MISSING_ACK_FIELDS -> "error: missing 'username' or 'ids' field in ack content";
            case MISSING_ACCOUNT_FIELDS -> "error: missing 'intent', 'username' or 'publicKey' field in content";
            case NOT_LOGGED_IN -> "error: log in first";
            case RATE_LIMITED -> "error: rate limit exceeded";
            case UNIMPLEMENTED -> "error: unimplemented";
            case UNKNOWN_ACTION -> "error: unknown action";
            case REQUEST_TOO_LARGE -> "error: request too large";
            case JSON_BEYOND_BOUNDS -> "error: JSON nested too deep or number too long";
            case USER_BLOCKED -> "error: user blocked";
            case RECIPIENT_BLOCKED -> "error: recipient blocked";
            case INTERNAL_ERROR -> "error: internal error";
        };
    }
}
