package org.nymdir.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.nymdir.dialect.v1.V1Wire;
import org.nymdir.vocabulary.Status;

/** Reads the directory's answers: what counts as success, and which error strings mean which failure. */
final class Replies {
    private static final String SUCCESS = V1Wire.text(Status.SUCCESS);
    private static final String NONCE = "[0-9a-fA-F]{16,128}";

    private Replies() {}

    /** Passes on {@code success}; otherwise throws the failure the reply's text stands for. */
    static void expectSuccess(Envelope reply, String subject, String self) throws ClientException {
        if (!reply.content().equals(SUCCESS)) {
            throw failure(reply.content(), subject, self);
        }
    }

    /** The nonce of a {@code challenge}; any other reply is a failure. */
    static String nonce(Envelope reply, String subject) throws ClientException {
        if (!reply.action().equals(V1Wire.CHALLENGE)) {
            throw failure(reply.content(), subject, subject);
        }
        String nonce = Envelope.string(reply.contentJson(), "nonce");
        // We sign whatever we are given, so refuse anything that is not plainly a nonce: signing
        // attacker-chosen text (a message body, say) with our key would lend it our signature.
        if (nonce == null || !nonce.matches(NONCE)) {
            throw new ClientException.DirectoryError("challenge without a usable nonce");
        }
        return nonce;
    }

    /**
     * The difficulty of the registration puzzle a challenge carries (nymdir extension), 0 when it carries none,
     * names a scheme we do not know, or asks for more than {@code maxBits} (then we answer as a v1 client does,
     * drawing on the directory's budget for those, rather than compute for hours at a directory's word).
     */
    static int workBits(Envelope challenge, int maxBits) {
        JsonNode content = challenge.contentJson();
        JsonNode work = content == null ? null : content.get(V1Wire.WORK);
        if (work == null || !V1Wire.WORK_SCHEME.equals(Envelope.string(work, "scheme"))) {
            return 0;
        }
        JsonNode bits = work.get("bits");
        return bits != null && bits.canConvertToInt() && bits.intValue() > 0 && bits.intValue() <= maxBits
                ? bits.intValue() : 0;
    }

    /** The user record of a {@code queryResponse}: {@code {"username", "publicKey"}}. */
    static JsonNode userRecord(Envelope reply, String username) throws ClientException {
        JsonNode record = reply.action().equals(V1Wire.QUERY_RESPONSE) ? reply.contentJson() : null;
        if (record == null || !record.isObject()) {
            throw failure(reply.content(), username, null);
        }
        if (!username.equals(Envelope.string(record, "username")) || Envelope.string(record, "publicKey") == null) {
            throw new ClientException.DirectoryError("a lookup of " + username + " answered with another record");
        }
        return record;
    }

    /**
     * The failure for a directory string. "No such user" has four spellings in v1, depending on the request.
     *
     * @param subject the user the request was about
     * @param self who we act as, the subject of "unrecognized sender"
     */
    static ClientException failure(String text, String subject, String self) {
        if (text.equals(V1Wire.text(Status.NO_USER_FOUND)) || text.equals(V1Wire.text(Status.USER_NOT_FOUND))
                || text.equals(V1Wire.text(Status.RECIPIENT_NOT_FOUND))) {
            return new ClientException.UserUnknown(subject, "the directory knows no user " + subject);
        }
        if (text.equals(V1Wire.text(Status.UNRECOGNIZED_SENDER))) {
            return new ClientException.UserUnknown(self, "the directory knows no user " + self
                    + ": register first");
        }
        return new ClientException.DirectoryError(text);
    }
}
