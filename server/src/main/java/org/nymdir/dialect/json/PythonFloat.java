package org.nymdir.dialect.json;

import java.math.BigDecimal;

/**
 * A double as Python's {@code json.dumps} writes it: {@code float.__repr__}, except that non-finite values
 * are {@code NaN}, {@code Infinity} and {@code -Infinity}.
 *
 * <p>Python's repr is the shortest decimal that reads back to the same double (closest to it when several
 * are that short), in fixed notation while the decimal exponent is in [-4, 16) and scientific otherwise
 * ({@code 1e-05}, {@code 1e+16}, {@code 1.5e+300}: at least two exponent digits, always signed). Java's
 * {@code Double.toString} (JDK 19 and later) finds the same shortest digits, with one exception that we
 * undo: when a single digit would do, Java may pick a closer two-digit decimal ({@code 4.9E-324} where
 * Python writes {@code 5e-324}).
 *
 * <p>Hand-written on purpose: a float's text is part of what a client signs, and no library writes
 * CPython's repr; one digit more or an exponent written differently breaks the receiver's signature check.
 */
final class PythonFloat {
    private PythonFloat() {}

    static String repr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        String sign = value < 0 ? "-" : "";
        double magnitude = Math.abs(value);

        BigDecimal shortest = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int pointPosition = digits.length() - shortest.scale(); // value = 0.digits * 10^pointPosition
        if (digits.length() == 2) {
            String single = singleDigit(magnitude, digits, pointPosition);
            if (single != null) {
                if (single.equals("10")) { // rounded up past 9: one digit, one place further
                    digits = "1";
                    pointPosition++;
                } else {
                    digits = single;
                }
            }
        }
        return sign + layout(digits, pointPosition);
    }

    /** The one-digit decimal that reads back to the value (closest one if both neighbours do), or null. */
    private static String singleDigit(double magnitude, String twoDigits, int pointPosition) {
        int down = twoDigits.charAt(0) - '0';
        int up = down + 1;
        String best = null;
        BigDecimal bestDistance = null;
        BigDecimal exact = new BigDecimal(magnitude);
        for (int candidate : new int[] {down, up}) {
            if (candidate == 0) {
                continue;
            }
            BigDecimal decimal = BigDecimal.valueOf(candidate).scaleByPowerOfTen(pointPosition - 1);
            if (decimal.doubleValue() != magnitude) {
                continue;
            }
            BigDecimal distance = decimal.subtract(exact).abs();
            if (best == null || distance.compareTo(bestDistance) < 0) {
                best = Integer.toString(candidate);
                bestDistance = distance;
            }
        }
        return best;
    }

    /** CPython's format_float_short, mode 'r': fixed for -4 < pointPosition <= 16, else exponent. */
    private static String layout(String digits, int pointPosition) {
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (pointPosition > -4 && pointPosition <= 16) {
            if (pointPosition <= 0) {
                out.append("0.");
                out.append("0".repeat(-pointPosition));
                out.append(digits);
            } else if (pointPosition >= digits.length()) {
                out.append(digits);
                out.append("0".repeat(pointPosition - digits.length()));
                out.append(".0");
            } else {
                out.append(digits, 0, pointPosition).append('.').append(digits, pointPosition, digits.length());
            }
            return out.toString();
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        int exponent = pointPosition - 1;
        out.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            out.append('0');
        }
        out.append(abs);
        return out.toString();
    }
}
