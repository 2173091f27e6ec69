package org.nymdir.crypto;

import java.util.Base64;

/**
 * PEM armour ("-----BEGIN label-----", base64, "-----END label-----"), read with the tolerance of Python's
 * cryptography and written exactly as it writes.
 *
 * <p>Reading, as measured against cryptography 48's {@code load_pem_*}: text before the first BEGIN line
 * and after its END line is ignored; only the first block counts; line ends may be LF, CRLF or CR;
 * whitespace (space, tab, CR, LF, VT, FF) anywhere in the body is skipped; RFC 1421 header lines
 * ("Proc-Type: ...") are skipped; the base64 must be canonical with its padding. Input longer than
 * {@link #MAX_CHARS} is refused before any work, since it may come from a stranger.
 *
 * <p>Hand-written on purpose: the JDK has no PEM reader yet, and a library's tolerance differs from
 * cryptography's in exactly the cases above, which decide which register requests the directory accepts.
 */
final class Pem {
    /** A P-256 public key PEM is 178 characters and an encrypted private key about 400. */
    static final int MAX_CHARS = 4096;

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final int LINE = 64;

    record Block(String label, byte[] der) {}

    private Pem() {}

    /** Decodes the first PEM block of the text, whatever its label. */
    static Block decodeFirst(String text) throws InvalidKeyMaterialException {
        if (text == null) {
            throw new InvalidKeyMaterialException("no PEM given");
        }
        if (text.length() > MAX_CHARS) {
            throw new InvalidKeyMaterialException("PEM longer than " + MAX_CHARS + " characters");
        }
        int begin = text.indexOf(BEGIN);
        if (begin < 0) {
            throw new InvalidKeyMaterialException("no PEM BEGIN line");
        }
        int labelStart = begin + BEGIN.length();
        int labelEnd = text.indexOf(DASHES, labelStart);
        if (labelEnd < 0) {
            throw new InvalidKeyMaterialException("unterminated PEM BEGIN line");
        }
        String label = text.substring(labelStart, labelEnd);
        int bodyStart = labelEnd + DASHES.length();
        int end = text.indexOf(END, bodyStart);
        if (end < 0) {
            throw new InvalidKeyMaterialException("no PEM END line");
        }
        int endLabelStart = end + END.length();
        int endLabelEnd = text.indexOf(DASHES, endLabelStart);
        if (endLabelEnd < 0 || !text.substring(endLabelStart, endLabelEnd).equals(label)) {
            throw new InvalidKeyMaterialException("PEM END line does not match its BEGIN line");
        }
        return new Block(label, decodeBody(text.substring(bodyStart, end)));
    }

    /** Decodes the first PEM block and requires one of the given labels. */
    static Block decodeFirst(String text, String... acceptedLabels) throws InvalidKeyMaterialException {
        Block block = decodeFirst(text);
        for (String accepted : acceptedLabels) {
            if (accepted.equals(block.label())) {
                return block;
            }
        }
        throw new InvalidKeyMaterialException("expected a PEM of type " + String.join(" or ", acceptedLabels)
                + ", found " + printable(block.label()));
    }

    /** Writes like Python's cryptography: 64-character lines, LF, a final newline. */
    static String encode(String label, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder(b64.length() + b64.length() / LINE + 2 * label.length() + 40);
        out.append(BEGIN).append(label).append(DASHES).append('\n');
        for (int i = 0; i < b64.length(); i += LINE) {
            out.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
        }
        out.append(END).append(label).append(DASHES).append('\n');
        return out.toString();
    }

    private static byte[] decodeBody(String body) throws InvalidKeyMaterialException {
        StringBuilder b64 = new StringBuilder(body.length());
        boolean atLineStart = true;
        boolean inHeaderLine = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n' || c == '\r') {
                atLineStart = true;
                inHeaderLine = false;
                continue;
            }
            if (inHeaderLine) {
                continue;
            }
            if (atLineStart && b64.isEmpty() && isHeaderLine(body, i)) {
                inHeaderLine = true;
                continue;
            }
            atLineStart = false;
            if (c == ' ' || c == '\t' || c == 0x0b || c == 0x0c) {
                continue;
            }
            b64.append(c);
        }
        String cleaned = b64.toString();
        if (cleaned.isEmpty() || cleaned.length() % 4 != 0) {
            throw new InvalidKeyMaterialException("PEM body is not valid base64");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(cleaned);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyMaterialException("PEM body is not valid base64");
        }
        // The JDK's decoder ignores non-zero spare bits; a canonical re-encoding is what Python requires.
        if (!Base64.getEncoder().encodeToString(der).equals(cleaned)) {
            throw new InvalidKeyMaterialException("PEM body is not canonical base64");
        }
        return der;
    }

    /** An RFC 1421 header ("Name: value") before the base64; base64 never contains a colon. */
    private static boolean isHeaderLine(String body, int from) {
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n' || c == '\r') {
                return false;
            }
            if (c == ':') {
                return true;
            }
        }
        return false;
    }

    private static String printable(String label) {
        String cut = label.length() > 40 ? label.substring(0, 40) + "..." : label;
        return "\"" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
    }
}
