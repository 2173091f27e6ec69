package org.nymdir.directory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One challenge-response flow (registration or login): a nonce issued per sender tag, answered by a
 * signature over it with the key in question. Each flow has its own pending set, as in the original, so a
 * login does not cancel a registration in progress on the same tag.
 */
final class Challenges {
    /** What an issued challenge remembers: {@code workBits} of the puzzle that came with it (0: none). */
    record Pending(String username, String publicKeyPem, String nonce, int workBits) {
        /** Heap held, estimated: the record and three strings (two bytes a character: the key text may be any). */
        long heapBytes() {
            return 16 + 3 * 40 + 2L * (username.length() + publicKeyPem.length() + nonce.length());
        }
    }

    /** How an answer came out. A pending challenge is consumed by any answer. */
    sealed interface Answer {
        record NoPending() implements Answer {
        }

        /** The signature did not verify for the pending challenge of {@code username}. */
        record BadSignature(String username) implements Answer {
        }

        record Verified(Pending pending) implements Answer {
        }
    }

    private final SignatureVerifier verifier;
    private final Supplier<String> nonces;
    private final PendingChallenges<Pending> pending;

    Challenges(SignatureVerifier verifier, Supplier<String> nonces, ChallengePolicy policy, Clock clock) {
        this.verifier = verifier;
        this.nonces = nonces;
        this.pending = policy.newPending(clock, Pending::heapBytes);
    }

    /** Issues a nonce for {@code senderTag} to sign with {@code publicKeyPem}, replacing an earlier one. */
    String issue(String senderTag, String username, String publicKeyPem) {
        return issue(senderTag, username, publicKeyPem, 0);
    }

    /** As {@link #issue(String, String, String)}, with a puzzle of {@code workBits} to solve as well. */
    String issue(String senderTag, String username, String publicKeyPem, int workBits) {
        String nonce = nonces.get();
        pending.put(senderTag, new Pending(username, publicKeyPem, nonce, workBits));
        return nonce;
    }

    /** Checks a signature (hex, possibly null) over the tag's pending nonce, consuming the challenge. */
    Answer answer(String senderTag, String signatureHex) {
        return take(senderTag).map(p -> verify(p, signatureHex)).orElseGet(Answer.NoPending::new);
    }

    /** Removes and returns the tag's live challenge, for a caller with checks to make before the signature's. */
    Optional<Pending> take(String senderTag) {
        return pending.take(senderTag);
    }

    /** Checks a signature (hex, possibly null) over a taken challenge's nonce. */
    Answer verify(Pending p, String signatureHex) {
        byte[] nonce = p.nonce().getBytes(StandardCharsets.UTF_8);
        return signatureHex != null && verifier.verify(p.publicKeyPem(), nonce, signatureHex)
                ? new Answer.Verified(p) : new Answer.BadSignature(p.username());
    }

    /** Challenges waiting for their answer. */
    int size() {
        return pending.size();
    }

    /** Heap they hold, estimated. */
    long bytes() {
        return pending.bytes();
    }
}
