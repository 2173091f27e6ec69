package org.nymdir.directory;

/**
 * What a dialect read from the signed content of a {@code send}. The directory checks these cases in the
 * protocol's order; it never parses the content itself.
 */
public sealed interface SendContent {

    /** The content is not a JSON document. */
    record NotJson() implements SendContent {
    }

    /** The content is JSON that Python reads but nymdir does not: nested too deep, or a number too long. */
    record BeyondBounds() implements SendContent {
    }

    /** The content is JSON but has no usable {@code sender} or {@code recipient}. */
    record MissingParties() implements SendContent {
    }

    /**
     * A well-formed message. {@code rawBody} and {@code rawSenderPublicKey} are the JSON texts of those values
     * exactly as they appear in the signed content (character for character, key order kept): the recipient
     * verifies an inner signature over them, so they are copied, never re-serialised.
     * {@code rawBody} is {@code "null"} when the content had no body (as the original forwards it);
     * {@code rawSenderPublicKey} is {@code null} when absent; {@code senderPublicKey} is its string value
     * ({@code null} when absent or not a string), to compare with the sender's registered key.
     */
    record Message(String sender, String recipient, String rawBody, String rawSenderPublicKey,
                   String senderPublicKey) implements SendContent {
        /** A message without a {@code senderPublicKey}. */
        public Message(String sender, String recipient, String rawBody) {
            this(sender, recipient, rawBody, null, null);
        }

        /** The same message with its {@code senderPublicKey} dropped. */
        public Message withoutSenderPublicKey() {
            return new Message(sender, recipient, rawBody, null, null);
        }
    }
}
