package org.nymdir.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.regex.Pattern;
import org.nymdir.client.e2e.E2eException;
import org.nymdir.client.e2e.NymChatContent;
import org.nymdir.client.e2e.NymChatE2e;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;
import org.nymdir.mixnet.addressing.NymAddress;

/**
 * Turns an {@code incomingMessage} into an {@link Incoming}: works out the route, checks the outer
 * signature (the directory's on a relay, the sender's on a direct message), finds the sender's key,
 * verifies {@code payloadSignature} and decrypts, then reads the nymCHAT plaintext.
 *
 * <p>Where the sender's key comes from, in order: a key we already hold for them (what the nymCHAT app does
 * with its contacts); on a relay, the {@code senderPublicKey} the directory forwarded, which the sender signed
 * and the directory checked; otherwise a lookup at the directory. A direct message never vouches for its
 * own key: anyone who learned our address could send one.
 */
final class MessageReceiver {
    /** Fetches a user's key from the directory (may block on a round trip). */
    interface KeyLookup {
        String publicKeyPem(String username) throws ClientException, InterruptedException;
    }

    private final UserIdentity me;
    private final Peers peers;
    private final KeyLookup lookup;
    private final DirectoryExchange directory;
    private final NymChatE2e e2e;
    private final Ecdsa ecdsa;
    private final Clock clock;

    MessageReceiver(UserIdentity me, Peers peers, KeyLookup lookup, DirectoryExchange directory, NymChatE2e e2e,
                    Ecdsa ecdsa, Clock clock) {
        this.me = me;
        this.peers = peers;
        this.lookup = lookup;
        this.directory = directory;
        this.e2e = e2e;
        this.ecdsa = ecdsa;
        this.clock = clock;
    }

    /**
     * What became of one message.
     *
     * @param mailboxId the directory's id of a relayed message, to ack; null for direct messages and for
     *     directories without the ack extension
     * @param settled false when it failed for a reason that may pass (the sender's key could not be fetched
     *     just now): such a message is not acked, so the directory sends it again later
     */
    record Processed(Incoming incoming, String mailboxId, boolean settled) {}

    private static final Pattern MAILBOX_ID = Pattern.compile("[0-9a-f]{32}");

    /**
     * @param taggedByPeer the message arrived with a sender tag: someone sent it to our address, it did not
     *     come back through our SURBs from the directory
     */
    Processed process(Envelope envelope, boolean taggedByPeer) throws InterruptedException {
        JsonNode content = envelope.contentJson();
        // A relay never names a recipient (the directory rewrites the content); a direct message always does.
        Route route = taggedByPeer || (content != null && content.has("recipient")) ? Route.DIRECT : Route.DIRECTORY;
        String id = route == Route.DIRECTORY ? Envelope.string(content, "id") : null;
        String mailboxId = id != null && MAILBOX_ID.matcher(id).matches() ? id : null;
        try {
            return new Processed(read(envelope, content, route), mailboxId, true);
        } catch (ClientException.Timeout | ClientException.Unreachable e) {
            return new Processed(rejected(Envelope.string(content, "sender"), "cannot get the sender's key now ("
                    + e.getMessage() + "); it will come again", route), mailboxId, false);
        }
    }

    private Incoming read(Envelope envelope, JsonNode content, Route route)
            throws InterruptedException, ClientException.Timeout, ClientException.Unreachable {
        String sender = Envelope.string(content, "sender");
        if (content == null || !content.isObject() || sender == null) {
            return rejected(sender, "not a nymCHAT message (no sender)", route);
        }
        if (route == Route.DIRECTORY && !directory.verified(envelope)) {
            return rejected(sender, "relay not signed by the directory's key", route);
        }
        if (route == Route.DIRECT) {
            String recipient = Envelope.string(content, "recipient");
            if (recipient != null && !recipient.equals(me.username())) {
                return rejected(sender, "direct message addressed to someone else", route);
            }
        }
        String forwarded = route == Route.DIRECTORY ? Envelope.string(content, "senderPublicKey") : null;
        String known = peers.get(sender).map(Peer::publicKeyPem).orElse(null);
        Incoming opened;
        try {
            opened = open(envelope, content, sender, route, senderKey(sender, forwarded));
        } catch (ClientException.Timeout | ClientException.Unreachable e) {
            throw e;
        } catch (ClientException e) {
            return rejected(sender, "cannot get the sender's key: " + e.getMessage(), route);
        }
        if (!(opened instanceof Incoming.Rejected) || known == null || forwarded != null) {
            return opened;
        }
        // The key we remembered failed: the sender may have rotated it (nymdir's rotateKey). Ask the directory
        // once; a different key it vouches for gets one more try.
        String current;
        try {
            current = lookup.publicKeyPem(sender); // remembers it
        } catch (ClientException.Timeout | ClientException.Unreachable e) {
            throw e;
        } catch (ClientException e) {
            return opened;
        }
        if (current.equals(known)) {
            return opened;
        }
        try {
            return open(envelope, content, sender, route, parse(current));
        } catch (ClientException e) {
            return rejected(sender, "cannot get the sender's key: " + e.getMessage(), route);
        }
    }

    /** Checks and decrypts a message with {@code senderKey}; a rejection says why. */
    private Incoming open(Envelope envelope, JsonNode content, String sender, Route route, ECPublicKey senderKey) {
        if (route == Route.DIRECT && (envelope.signature() == null || !ecdsa.verifyHex(senderKey,
                envelope.content().getBytes(StandardCharsets.UTF_8), envelope.signature()))) {
            return rejected(sender, "direct message not signed by the sender's key", route);
        }
        String plaintext;
        try {
            plaintext = e2e.decrypt(me.keys().privateKey(), content.get("body"), senderKey);
        } catch (E2eException e) {
            return rejected(sender, switch (e.reason()) {
                case BAD_SIGNATURE -> "payloadSignature does not verify with the sender's key";
                case UNDECRYPTABLE -> "cannot decrypt: not for our key, or altered";
                case MALFORMED -> "malformed body: " + e.getMessage();
            }, route);
        }
        return plaintext(sender, plaintext, route);
    }

    private Incoming plaintext(String sender, String plaintext, Route route) {
        JsonNode message = Envelope.tree(plaintext);
        if (message == null || !message.isObject() || !message.path("message").isTextual()) {
            // The Python client does the same: anything that is not its wrapper is the text itself.
            return new Incoming.Message(sender, plaintext, route, clock.instant());
        }
        String text = message.get("message").textValue();
        if (message.path("type").asInt(NymChatContent.CHAT) == NymChatContent.HANDSHAKE) {
            NymAddress address;
            try {
                address = NymAddress.parse(text);
            } catch (IllegalArgumentException e) {
                return rejected(sender, "handshake without a valid nym address", route);
            }
            peers.rememberAddress(sender, address);
            return new Incoming.Handshake(sender, address, route, clock.instant());
        }
        return new Incoming.Message(sender, text, route, clock.instant());
    }

    /**
     * The sender's key: on a relay, the one the directory forwarded (it checked that it is the sender's registered
     * key, and signed the relay) when it differs from what we remembered, as after a rotation; else the one we
     * remembered; else a lookup.
     */
    private ECPublicKey senderKey(String sender, String forwardedKey) throws ClientException, InterruptedException {
        String pem = peers.get(sender).map(Peer::publicKeyPem).orElse(null);
        if (forwardedKey != null && !forwardedKey.equals(pem)) {
            pem = forwardedKey;
            peers.rememberKey(sender, pem);
        }
        if (pem == null) {
            pem = lookup.publicKeyPem(sender); // remembers it
        }
        return parse(pem);
    }

    private static ECPublicKey parse(String pem) throws ClientException {
        try {
            return PemKeys.parsePublicKey(pem);
        } catch (InvalidKeyMaterialException e) {
            throw new ClientException.SignatureMismatch("the sender's public key is unusable: " + e.getMessage());
        }
    }

    private Incoming rejected(String sender, String reason, Route route) {
        return new Incoming.Rejected(sender, reason, route, clock.instant());
    }
}
