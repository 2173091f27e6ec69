package org.nymdir.sim.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * serde / serde_json wording: how a value is named in "invalid type" errors, and the " at line L column C"
 * position suffix. Positions are serde_json's: 1-based lines, and the column is the count of bytes before the
 * position on its line (so "column 0" is possible).
 */
final class SerdeText {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private SerdeText() {
    }

    /** serde_json's Display of an {@code Unexpected} for a buffered JSON value. */
    static String unexpected(JsonNode node) {
        if (node.isTextual()) {
            return "string " + debugString(node.textValue());
        }
        if (node.isBoolean()) {
            return "boolean `" + node.booleanValue() + "`";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "map";
        }
        if (node.isArray()) {
            return "sequence";
        }
        if (node.isIntegralNumber() && fitsInteger(node.bigIntegerValue())) {
            return "integer `" + node.bigIntegerValue() + "`";
        }
        return "floating point `" + ryu(node.doubleValue()) + "`";
    }

    /** serde_json parses integers outside u64 and i64 as floats (without its arbitrary_precision feature). */
    static boolean fitsInteger(BigInteger n) {
        return n.compareTo(U64_MAX) <= 0 && n.compareTo(I64_MIN) >= 0;
    }

    /**
     * Formats a double like the {@code ryu} crate, which serde_json uses for floats in errors: shortest digits,
     * plain notation for decimal exponents in (-5, 16], scientific ({@code 1e20}, {@code 1.5e-7}) otherwise.
     */
    static String ryu(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String sign = (Double.doubleToRawLongBits(d) < 0) ? "-" : "";
        if (d == 0) {
            return sign + "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int length = digits.length();
        int kk = length - exact.scale(); // the value is 0.digits * 10^kk
        StringBuilder out = new StringBuilder(sign);
        if (kk >= length && kk <= 16) {
            out.append(digits).append("0".repeat(kk - length)).append(".0");
        } else if (kk > 0 && kk <= 16) {
            out.append(digits, 0, kk).append('.').append(digits, kk, length);
        } else if (kk > -5 && kk <= 0) {
            out.append("0.").append("0".repeat(-kk)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (length > 1) {
                out.append('.').append(digits, 1, length);
            }
            out.append('e').append(kk - 1);
        }
        return out.toString();
    }

    /**
     * Rust's {@code {:?}} of a string: quoted, with {@code \" \\ \n \r \t \0} and backslash-u-brace escapes for
     * characters Rust does not print. Approximation: "not printable" is taken from Java's Unicode categories.
     */
    static String debugString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0 -> out.append("\\0");
                default -> {
                    if (printable(cp)) {
                        out.appendCodePoint(cp);
                    } else {
                        out.append("\\u{").append(Integer.toHexString(cp)).append('}');
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static boolean printable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE,
                 Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** {@code " at line L column C"} for a byte index into the UTF-8 input, as serde_json computes it. */
    static String at(byte[] input, int index) {
        int i = Math.min(Math.max(index, 0), input.length);
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < i; k++) {
            if (input[k] == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return " at line " + line + " column " + (i - lineStart);
    }
}
