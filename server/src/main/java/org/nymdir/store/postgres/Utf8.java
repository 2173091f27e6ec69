package org.nymdir.store.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.nymdir.store.StoreException;

/**
 * Texts as the UTF-8 bytes of {@code bytea} columns (see db/postgres/V1): exact for every well-formed string,
 * U+0000 included, and ordered by code point. The stores validate strings before writing, so encoding is
 * total; decoding is strict, and a column that is not UTF-8 (edited by hand, damaged) is a store failure.
 */
final class Utf8 {
    private Utf8() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The text of a column, {@code null} for SQL NULL. */
    static String text(byte[] bytes, String column) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new StoreException("column " + column + " holds bytes that are not UTF-8", e);
        }
    }
}
