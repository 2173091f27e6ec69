package org.nymdir.load.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicLong;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;

/**
 * Reads the directory's signed replies cheaply (by their fixed prefix, as the directory renders them) and
 * checks the signature of one reply in {@code every}: checking all would make the load generator, not the
 * directory, the bottleneck on a shared machine.
 */
final class Replies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTION_PREFIX = "{\"action\": \"";

    private final Ecdsa ecdsa;
    private final PublicKey key;
    private final int every;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();

    Replies(Ecdsa ecdsa, String directoryKeyPem, int every) {
        this.ecdsa = ecdsa;
        this.every = Math.max(1, every);
        try {
            this.key = directoryKeyPem == null ? null
                    : ecdsa.provider().importPublicKey(PemKeys.parsePublicKey(directoryKeyPem));
        } catch (InvalidKeyMaterialException e) {
            throw new IllegalArgumentException("the directory's public key does not parse: " + e.getMessage(), e);
        }
    }

    /** Checks the signature of every {@code every}-th envelope it is shown. */
    void sample(String envelope) {
        if (key == null || seen.getAndIncrement() % every != 0) {
            return;
        }
        checked.incrementAndGet();
        JsonNode reply = parse(envelope);
        boolean ok = reply != null && reply.path("content").isTextual() && reply.path("signature").isTextual()
                && ecdsa.verifyHex(key, reply.get("content").textValue().getBytes(StandardCharsets.UTF_8),
                        reply.get("signature").textValue());
        if (!ok) {
            bad.incrementAndGet();
        }
    }

    long checked() {
        return checked.get();
    }

    long badSignatures() {
        return bad.get();
    }

    static String action(String envelope) {
        if (!envelope.startsWith(ACTION_PREFIX)) {
            return "";
        }
        int end = envelope.indexOf('"', ACTION_PREFIX.length());
        return end < 0 ? "" : envelope.substring(ACTION_PREFIX.length(), end);
    }

    static boolean isSuccess(String envelope) {
        return envelope.contains(", \"content\": \"success\", ");
    }

    /** The nonce of a challenge, or null. */
    static String nonce(String envelope) {
        JsonNode reply = parse(envelope);
        if (reply == null || !"challenge".equals(reply.path("action").asText())) {
            return null;
        }
        JsonNode content = parse(reply.path("content").asText(""));
        return content == null || !content.path("nonce").isTextual() ? null : content.get("nonce").textValue();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
