package org.nymdir.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server's password file ({@code SECRET_PATH}), read exactly as the original reads it:
 * {@code open(path, "r").read().strip()} — UTF-8 text, universal newlines (CRLF and CR become LF), then
 * Python's {@code str.strip()}, whose idea of whitespace is wider than Java's {@code String.strip()}
 * (it includes NBSP, U+0085, U+202F...). Any difference here would make an existing key undecryptable.
 */
final class SecretFile {
    static final int MAX_BYTES = 64 * 1024;

    private SecretFile() {}

    static String read(Path path) throws IOException, InvalidKeyMaterialException {
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new InvalidKeyMaterialException("secret file " + path + " is larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidKeyMaterialException("secret file " + path + " is not UTF-8 text");
        }
        String password = pythonStrip(text.replace("\r\n", "\n").replace('\r', '\n'));
        if (password.isEmpty()) {
            throw new InvalidKeyMaterialException("secret file " + path + " is empty");
        }
        return password;
    }

    /** 32 random bytes, base64url: 43 characters that survive any editor and any strip. */
    static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String pythonStrip(CharSequence text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        return CharBuffer.wrap(text, start, end).toString();
    }

    /** Python's {@code str.isspace()}: bidirectional class WS, B or S, or category Zs. */
    static boolean isPythonSpace(char c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20)
                || c == 0x85 || c == 0xa0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a)
                || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
    }
}
