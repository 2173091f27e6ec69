package org.nymdir.store;

/**
 * One row of the original's {@code users} table: a username bound to a P-256 public key (PEM, as the user
 * sent it) and the sender tag of the user's last message (base58, the way to reach them).
 */
public record UserRecord(String username, String publicKeyPem, String senderTag) {
}
