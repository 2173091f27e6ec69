package org.nymdir.directory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.nymdir.store.Correspondence;

/**
 * "Alice has written to bob" as the mailbox keeps it: HMAC-SHA256 under the directory's secret of the two
 * names in that order, so the database holds no pair of names and, without the secret, cannot be tested for
 * one either. A send from bob to alice is a friend's when alice's key for bob exists.
 */
final class Correspondents {
    private final SecretKeySpec secret;

    Correspondents(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("correspondence secret must have at least 16 bytes");
        }
        this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** The keys of a send from {@code sender} to {@code recipient}, the new one remembered {@code until}. */
    Correspondence of(String sender, String recipient, Instant until) {
        return new Correspondence(key(recipient, sender), key(sender, recipient), until);
    }

    private byte[] key(String writer, String reader) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            mac.update(writer.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0); // names never hold NUL: no two pairs share an input
            return mac.doFinal(reader.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
