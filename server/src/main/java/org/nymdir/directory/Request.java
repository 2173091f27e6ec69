package org.nymdir.directory;

/**
 * A decoded chat request. Dialects build these at the wire edge; the directory never sees JSON.
 *
 * <p>String fields are {@code null} when the field was absent, empty or not a string on the wire: the
 * original server tested fields with Python's {@code not x}, so an empty string counts as missing, and a
 * field of the wrong type gets the same "missing" answer instead of crashing the receive loop as the
 * original did.
 */
public sealed interface Request {

    /** The wire name of the action, for logs. */
    String action();

    record Register(String username, String publicKeyPem) implements Request {
        public String action() {
            return "register";
        }
    }

    /** {@code work}: the solution of the registration puzzle (nymdir extension), null when absent. */
    record RegistrationResponse(String signatureHex, String work) implements Request {
        public RegistrationResponse(String signatureHex) {
            this(signatureHex, null);
        }

        public String action() {
            return "registrationResponse";
        }
    }

    record Login(String username) implements Request {
        public String action() {
            return "login";
        }
    }

    record LoginResponse(String signatureHex) implements Request {
        public String action() {
            return "loginResponse";
        }
    }

    record Query(String username) implements Request {
        public String action() {
            return "query";
        }
    }

    /**
     * A relay request. {@code content} is the signed text exactly as received (it is verified as is, never
     * re-serialised); {@code message} is what the dialect read from it.
     */
    record Send(String content, String signatureHex, SendContent message) implements Request {
        public String action() {
            return "send";
        }
    }

    /**
     * A delivery acknowledgement (nymdir extension): {@code content} is the signed text exactly as received,
     * {@code ack} what the dialect read from it.
     */
    record Ack(String content, String signatureHex, AckContent ack) implements Request {
        public String action() {
            return "ack";
        }
    }

    /**
     * A key rotation (nymdir extension): {@code content} signed by the current key ({@code signatureHex}) and by
     * the new one it names ({@code newSignatureHex}), exactly as received.
     */
    record RotateKey(String content, String signatureHex, String newSignatureHex, AccountContent account)
            implements Request {
        public String action() {
            return "rotateKey";
        }
    }

    /** An account deletion (nymdir extension): {@code content} signed by the account's key. */
    record DeleteAccount(String content, String signatureHex, AccountContent account) implements Request {
        public String action() {
            return "deleteAccount";
        }
    }

    /** An action the protocol names but that has no handler (group chat, profile update). */
    record Unimplemented(Topic topic) implements Request {
        public String action() {
            return topic.name();
        }
    }

    /** Any other action (or none): answered with a generic error so the client is never left waiting. */
    record Unknown() implements Request {
        public String action() {
            return "unknown";
        }
    }
}
