package org.nymdir.directory;

/**
 * What a dialect read from the signed content of an account request (nymdir extensions {@code rotateKey} and
 * {@code deleteAccount}). The content names its intent, so that no signature over another content (a send, an
 * ack) can stand for an account change.
 */
public sealed interface AccountContent {
    /** The content is not a JSON document. */
    record NotJson() implements AccountContent {
    }

    /** The content is JSON that Python reads but nymdir does not: nested too deep, or a number too long. */
    record BeyondBounds() implements AccountContent {
    }

    /** The content is JSON without the request's intent, or without the fields it needs. */
    record Missing() implements AccountContent {
    }

    /** {@code username} moves to {@code publicKeyPem}. */
    record Rotation(String username, String publicKeyPem) implements AccountContent {
    }

    /** {@code username} gives their account up. */
    record Deletion(String username) implements AccountContent {
    }
}
