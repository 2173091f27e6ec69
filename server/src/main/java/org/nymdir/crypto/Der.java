package org.nymdir.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The few pieces of ASN.1 DER that key files and ECDSA signatures need, read strictly.
 *
 * <p>Why our own: every byte we parse may come from a stranger (a public key in a register request, a
 * signature), and the JDK's parsers differ between providers in what they tolerate and in which runtime
 * exceptions they throw. Reading DER strictly here (minimal lengths, minimal integers, no trailing bytes)
 * gives one behaviour whatever the provider, and matches what Python's cryptography accepts.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** Context-specific constructed tags [0] and [1], as used inside SEC 1 ECPrivateKey. */
    static final int CONTEXT_0 = 0xa0;
    static final int CONTEXT_1 = 0xa1;

    private Der() {}

    /** Malformed DER. Stackless: thrown on hostile input, where a stack trace would only cost time. */
    static final class DerException extends Exception {
        DerException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads consecutive TLVs from a byte range. */
    static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        Reader(byte[] buf) {
            this(buf, 0, buf.length);
        }

        private Reader(byte[] buf, int from, int to) {
            this.buf = buf;
            this.pos = from;
            this.end = to;
        }

        boolean hasMore() {
            return pos < end;
        }

        int peekTag() throws DerException {
            if (pos >= end) {
                throw new DerException("unexpected end of data");
            }
            return buf[pos] & 0xff;
        }

        /** Reads one element with the given tag and returns a reader over its contents. */
        Reader enter(int tag) throws DerException {
            int[] span = element(tag);
            return new Reader(buf, span[0], span[1]);
        }

        /** Reads one element with the given tag and returns a copy of its contents. */
        byte[] read(int tag) throws DerException {
            int[] span = element(tag);
            return Arrays.copyOfRange(buf, span[0], span[1]);
        }

        /** A non-negative INTEGER in minimal two's-complement form. */
        BigInteger readNonNegativeInteger() throws DerException {
            byte[] v = read(INTEGER);
            if (v.length == 0) {
                throw new DerException("empty INTEGER");
            }
            if (v.length > 1 && v[0] == 0 && (v[1] & 0x80) == 0) {
                throw new DerException("INTEGER not minimally encoded");
            }
            if ((v[0] & 0x80) != 0) {
                throw new DerException("negative INTEGER");
            }
            return new BigInteger(1, v);
        }

        /** A small INTEGER such as a version number or an iteration count. */
        int readSmallInteger(int max) throws DerException {
            BigInteger v = readNonNegativeInteger();
            if (v.bitLength() > 31 || v.intValue() > max) {
                throw new DerException("INTEGER out of range");
            }
            return v.intValue();
        }

        /** Reads an OID and fails unless it is the expected one (given as its encoded contents). */
        void expectOid(byte[] expected, String name) throws DerException {
            if (!Arrays.equals(read(OID), expected)) {
                throw new DerException("expected " + name);
            }
        }

        void expectNull() throws DerException {
            if (read(NULL).length != 0) {
                throw new DerException("NULL with contents");
            }
        }

        void expectEnd() throws DerException {
            if (pos != end) {
                throw new DerException("trailing data");
            }
        }

        private int[] element(int tag) throws DerException {
            int actual = peekTag();
            if (actual != tag) {
                throw new DerException("expected tag 0x" + Integer.toHexString(tag) + ", found 0x"
                        + Integer.toHexString(actual));
            }
            pos++;
            int length = readLength();
            if (length > end - pos) {
                throw new DerException("length beyond end of data");
            }
            int from = pos;
            pos += length;
            return new int[] {from, pos};
        }

        private int readLength() throws DerException {
            if (pos >= end) {
                throw new DerException("missing length");
            }
            int first = buf[pos++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int count = first & 0x7f;
            if (count == 0 || count > 3) {
                throw new DerException("indefinite or oversized length");
            }
            if (count > end - pos) {
                throw new DerException("truncated length");
            }
            int length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (buf[pos++] & 0xff);
            }
            // DER: the shortest form, so long form only from 128 on and without a leading zero byte.
            if (length < 0x80 || (count > 1 && length >>> (8 * (count - 1)) == 0)) {
                throw new DerException("length not minimally encoded");
            }
            return length;
        }
    }

    // ---- writing ----

    static byte[] tlv(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        writeLength(out, length);
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, parts);
    }

    static byte[] integer(BigInteger value) {
        return tlv(INTEGER, value.toByteArray());
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    static byte[] octetString(byte[] value) {
        return tlv(OCTET_STRING, value);
    }

    static byte[] oid(byte[] encodedContents) {
        return tlv(OID, encodedContents);
    }

    /** A BIT STRING with no unused bits. */
    static byte[] bitString(byte[] value) {
        byte[] contents = new byte[value.length + 1];
        System.arraycopy(value, 0, contents, 1, value.length);
        return tlv(BIT_STRING, contents);
    }

    static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
    }
}
