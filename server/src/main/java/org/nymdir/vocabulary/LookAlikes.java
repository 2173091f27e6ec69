package org.nymdir.vocabulary;

/**
 * The look-alike rule for usernames: two names whose {@linkplain #skeleton skeletons} are equal look the same
 * to a person, so only the first of them may be registered.
 *
 * <p>The map is Unicode's confusables (UTS #39, {@code confusables.txt}) restricted to the username alphabet
 * {@code [A-Za-z0-9_-]}, where it has exactly four entries: {@code 0 -> O}, {@code 1 -> l}, {@code I -> l} and
 * {@code m -> rn}; closed under ASCII case folding, because the directory also treats {@code Alice} and
 * {@code alice} as one name. The closure is what makes it an equivalence (a skeleton must be one): with
 * {@code I ~ l} and {@code I ~ i} (case), {@code i ~ l} too. So the classes are {@code {i, I, l, L, 1}},
 * {@code {o, O, 0}}, {@code m ~ rn} (also {@code M}, {@code RN}, {@code rN}...), and each other letter with its
 * capital. Nothing else in the alphabet is confusable in UTS #39; {@code _} and {@code -} stay apart.
 *
 * <p>Skeletons are for comparing, never shown. Any string has one (names stored by the original server may
 * hold any character): characters outside the alphabet are kept as they are.
 */
public final class LookAlikes {
    private LookAlikes() {
    }

    /** The canonical form: lower case, {@code i} and {@code 1} as {@code l}, {@code 0} as {@code o}, m as rn. */
    public static String skeleton(String name) {
        StringBuilder b = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            switch (lower) {
                case 'i', '1' -> b.append('l');
                case '0' -> b.append('o');
                case 'm' -> b.append("rn");
                default -> b.append(lower);
            }
        }
        return b.toString();
    }

    /** Whether two names look alike (equal skeletons). */
    public static boolean lookAlike(String a, String b) {
        return skeleton(a).equals(skeleton(b));
    }
}
