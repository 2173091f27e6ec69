package org.nymdir.directory;

import org.nymdir.vocabulary.Status;

/** What the directory answers, before a dialect renders and signs it. */
public sealed interface Reply {

    /** The topic decides the reply's action and context in every dialect. */
    Topic topic();

    /**
     * A challenge to sign: {@code topic} is REGISTRATION or LOGIN; {@code nonce} is 32 lower-case hex;
     * {@code workBits} the registration puzzle's difficulty ({@link org.nymdir.crypto.Hashcash}), 0 for none.
     */
    record Challenge(Topic topic, String nonce, int workBits) implements Reply {
        public Challenge(Topic topic, String nonce) {
            this(topic, nonce, 0);
        }
    }

    /** A plain result: success or one of the errors. */
    record Result(Topic topic, Status status) implements Reply {
    }

    /** A successful lookup. */
    record UserFound(String username, String publicKeyPem) implements Reply {
        public Topic topic() {
            return Topic.QUERY;
        }
    }

    /**
     * A relayed message for its recipient. The raw fields are copied from the sender's signed content
     * untouched (see {@link SendContent.Message}); {@code messageId} names it in the mailbox, for acks
     * (null for messages that were never stored).
     */
    record Incoming(String sender, String rawBody, String rawSenderPublicKey, String messageId) implements Reply {
        public Topic topic() {
            return Topic.SEND;
        }
    }
}
