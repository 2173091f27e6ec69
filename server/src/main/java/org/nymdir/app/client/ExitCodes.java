package org.nymdir.app.client;

import org.nymdir.client.ClientException;

/**
 * One exit code per failure class, so scripts can tell them apart without parsing messages. The help text
 * lists them too ({@link ClientCommand}); change both together.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** A bug or an unexpected failure (picocli's own code for exceptions). */
    public static final int INTERNAL = 1;
    /** Bad arguments (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    public static final int NYM_CLIENT_UNREACHABLE = 3;
    public static final int TIMEOUT = 4;
    public static final int USER_UNKNOWN = 5;
    public static final int SIGNATURE_MISMATCH = 6;
    public static final int DIRECTORY_ERROR = 7;
    public static final int KEY_PROBLEM = 8;
    public static final int NO_DIRECT_ROUTE = 9;

    private ExitCodes() {}

    public static int of(ClientException e) {
        return switch (e) {
            case ClientException.Unreachable u -> NYM_CLIENT_UNREACHABLE;
            case ClientException.Timeout t -> TIMEOUT;
            case ClientException.UserUnknown u -> USER_UNKNOWN;
            case ClientException.SignatureMismatch s -> SIGNATURE_MISMATCH;
            case ClientException.DirectoryError d -> DIRECTORY_ERROR;
            case ClientException.KeyProblem k -> KEY_PROBLEM;
            case ClientException.NoDirectRoute n -> NO_DIRECT_ROUTE;
        };
    }

    /** The failure class as a short word, for {@code --json} error objects. */
    public static String name(ClientException e) {
        return switch (e) {
            case ClientException.Unreachable u -> "nym-client-unreachable";
            case ClientException.Timeout t -> "timeout";
            case ClientException.UserUnknown u -> "user-unknown";
            case ClientException.SignatureMismatch s -> "signature-mismatch";
            case ClientException.DirectoryError d -> "directory-error";
            case ClientException.KeyProblem k -> "key-problem";
            case ClientException.NoDirectRoute n -> "no-direct-route";
        };
    }
}
