package org.nymdir.client.e2e;

/** An end-to-end body that cannot be accepted; {@link #reason()} says why, for the client to report. */
public class E2eException extends Exception {
    public enum Reason {
        /** Fields missing, of the wrong type, or not valid hex / PEM / UTF-8. */
        MALFORMED,
        /** {@code payloadSignature} does not verify with the sender's key: forged or altered. */
        BAD_SIGNATURE,
        /** The AES-GCM tag does not verify: not for this recipient, or altered. */
        UNDECRYPTABLE
    }

    private final Reason reason;

    public E2eException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
