package org.nymdir.mixnet.addressing;

import java.util.Arrays;

/**
 * A nym address (nym-client "Recipient"): {@code <identity>.<encryption>@<gateway>}, each part the base58 of
 * 32 bytes; 96 bytes in binary form, in that order.
 *
 * <p>nym-client additionally checks that the two ed25519 parts are valid curve points. We check shape and
 * length only: the local mixnet makes random keys, and a directory never sends to addresses it did not
 * receive from its own nym-client.
 */
public record NymAddress(byte[] identity, byte[] encryption, byte[] gateway) {
    public static final int KEY_SIZE = 32;
    public static final int BINARY_SIZE = 3 * KEY_SIZE;

    public NymAddress {
        identity = identity.clone();
        encryption = encryption.clone();
        gateway = gateway.clone();
        if (identity.length != KEY_SIZE || encryption.length != KEY_SIZE || gateway.length != KEY_SIZE) {
            throw new IllegalArgumentException("each part of a nym address must be 32 bytes");
        }
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException with nym-client's own error texts (RecipientFormattingError)
     */
    public static NymAddress parse(String text) {
        String[] atSplit = text.split("@", -1);
        if (atSplit.length != 2) {
            throw new IllegalArgumentException(
                    "recipient is malformed - the string address does not contain exactly a single '@' character ");
        }
        String[] dotSplit = atSplit[0].split("\\.", -1);
        if (dotSplit.length != 2) {
            throw new IllegalArgumentException(
                    "recipient is malformed - the string address does not contain exactly a single '.' character ");
        }
        byte[] identity = decodeKey(dotSplit[0], "recipient's identity key is malformed: ");
        byte[] encryption = decodeKey(dotSplit[1], "recipient's encryption key is malformed: ");
        byte[] gateway = decodeKey(atSplit[1], "recipient gateway's identity key is malformed: ");
        return new NymAddress(identity, encryption, gateway);
    }

    public static NymAddress fromBytes(byte[] b) {
        if (b.length != BINARY_SIZE) {
            throw new IllegalArgumentException("a binary nym address is exactly 96 bytes, got " + b.length);
        }
        return new NymAddress(Arrays.copyOfRange(b, 0, 32), Arrays.copyOfRange(b, 32, 64),
                Arrays.copyOfRange(b, 64, 96));
    }

    private static byte[] decodeKey(String part, String prefix) {
        byte[] key;
        try {
            key = Base58.decode(part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
        if (key.length != KEY_SIZE) {
            throw new IllegalArgumentException(prefix + "invalid key length " + key.length + ", expected 32");
        }
        return key;
    }

    public byte[] toBytes() {
        byte[] b = new byte[BINARY_SIZE];
        System.arraycopy(identity, 0, b, 0, 32);
        System.arraycopy(encryption, 0, b, 32, 32);
        System.arraycopy(gateway, 0, b, 64, 32);
        return b;
    }

    public String text() {
        return Base58.encode(identity) + "." + Base58.encode(encryption) + "@" + Base58.encode(gateway);
    }

    @Override
    public byte[] identity() {
        return identity.clone();
    }

    @Override
    public byte[] encryption() {
        return encryption.clone();
    }

    @Override
    public byte[] gateway() {
        return gateway.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NymAddress a && Arrays.equals(identity, a.identity)
                && Arrays.equals(encryption, a.encryption) && Arrays.equals(gateway, a.gateway);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(identity) + Arrays.hashCode(encryption)) + Arrays.hashCode(gateway);
    }

    @Override
    public String toString() {
        return text();
    }
}
