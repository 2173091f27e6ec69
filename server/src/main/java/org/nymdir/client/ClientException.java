package org.nymdir.client;

/**
 * Why a client operation failed, as a closed set of cases so callers (the CLI's exit codes, tests) can tell
 * them apart with one {@code switch}. Messages are for people and never carry message content, nonces or
 * signatures.
 *
 * <p>Stackless: these are expected outcomes of talking to a remote service, not programming errors.
 */
public abstract sealed class ClientException extends Exception {
    private ClientException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** Our own nym-client cannot be reached (not running, wrong URL, or the link went down and stayed down). */
    public static final class Unreachable extends ClientException {
        public Unreachable(String message) {
            super(message, null);
        }
    }

    /**
     * No reply from the directory in time. The mixnet reports nothing about lost messages, so this is all we
     * can know: the directory may be down, the address wrong, or the message lost.
     */
    public static final class Timeout extends ClientException {
        public Timeout(String message) {
            super(message, null);
        }
    }

    /** The directory has no such user (lookup, login, recipient of a message, or an unregistered sender). */
    public static final class UserUnknown extends ClientException {
        private final String username;

        public UserUnknown(String username, String message) {
            super(message, null);
            this.username = username;
        }

        public String username() {
            return username;
        }
    }

    /**
     * A signature that must verify did not: a directory reply under the directory's key (a wrong
     * {@code --directory-key}, or someone else answering), or a peer's signature.
     */
    public static final class SignatureMismatch extends ClientException {
        public SignatureMismatch(String message) {
            super(message, null);
        }
    }

    /** The directory answered with an error; {@link #wireText()} is its exact reply string. */
    public static final class DirectoryError extends ClientException {
        private final String wireText;

        public DirectoryError(String wireText) {
            super("the directory answered: " + wireText, null);
            this.wireText = wireText;
        }

        public String wireText() {
            return wireText;
        }
    }

    /** Our own key files are missing, unreadable, malformed, or need a passphrase we do not have. */
    public static final class KeyProblem extends ClientException {
        public KeyProblem(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A direct message needs the peer's nym address, which only a handshake from that peer reveals. */
    public static final class NoDirectRoute extends ClientException {
        public NoDirectRoute(String peer) {
            super("no nym address known for " + peer + ": a direct message needs a handshake from them first",
                    null);
        }
    }
}
