package org.nymdir.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.nymdir.client.e2e.NymChatContent;
import org.nymdir.client.e2e.NymChatE2e;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;
import org.nymdir.mixnet.addressing.NymAddress;

/**
 * Builds what we send to a peer, as the Python client builds it: the plaintext wrapper, the encrypted body,
 * the {@code send} content (with our public key on first contact), and our signature over that content.
 * The same signed content goes through the directory or, wrapped in {@code incomingMessage}, straight to
 * the peer.
 */
final class Outgoing {
    /** A signed content string, ready for a {@code send} request or a direct message. */
    record Signed(String content, String signature) {}

    private final UserIdentity me;
    private final Ecdsa ecdsa;
    private final NymChatE2e e2e;

    Outgoing(UserIdentity me, Ecdsa ecdsa, NymChatE2e e2e) {
        this.me = me;
        this.ecdsa = ecdsa;
        this.e2e = e2e;
    }

    static String chat(String text) {
        return NymChatContent.plaintext(NymChatContent.CHAT, text);
    }

    static String handshake(NymAddress ours) {
        return NymChatContent.plaintext(NymChatContent.HANDSHAKE, ours.text());
    }

    /** Our signature over the UTF-8 bytes of {@code text}, hex. */
    String sign(String text) {
        return ecdsa.signHex(me.keys().privateKey(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Encrypts the plaintext to the peer's key, builds the content and signs it. */
    Signed seal(Peer to, String plaintext) throws ClientException {
        ObjectNode body;
        try {
            body = e2e.encrypt(PemKeys.parsePublicKey(to.publicKeyPem()), plaintext, me.keys().privateKey());
        } catch (InvalidKeyMaterialException e) {
            throw new ClientException.DirectoryError("the key we hold for " + to.username() + " is unusable");
        }
        String content = NymChatContent.sendContent(me.username(), to.username(), body,
                to.introduced() ? null : me.publicKeyPem());
        return new Signed(content, sign(content));
    }
}
