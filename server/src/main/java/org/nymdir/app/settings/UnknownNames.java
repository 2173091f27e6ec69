package org.nymdir.app.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Names that look meant for us but are not settings: every {@code NYMDIR_...} variable we do not know, and any
 * name in the {@code .env} file that is one slip away from a setting ({@code DATABSE_PATH}). Each is ignored with
 * a warning, with the setting it was probably meant to be. Other names (the environment's {@code PATH}, a
 * {@code .env}'s {@code SERVER_USERNAME}) are none of our business.
 */
public final class UnknownNames {
    private static final String PREFIX = "NYMDIR_";
    private static final int MAX_DISTANCE = 2;

    private UnknownNames() {
    }

    /** One warning per unknown name, sorted by name; {@code known} are all the settings of all commands. */
    public static List<String> warnings(Map<String, Variables.Value> environment, Map<String, Variables.Value> envFile,
                                        Set<String> known) {
        Map<String, String> warnings = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && !known.contains(name)) {
                warnings.put(name, warning(name, value, known));
            }
        });
        envFile.forEach((name, value) -> {
            if (!known.contains(name) && (name.startsWith(PREFIX) || nearest(name, known).isPresent())) {
                warnings.put(name, warning(name, value, known));
            }
        });
        return new ArrayList<>(warnings.values());
    }

    private static String warning(String name, Variables.Value value, Set<String> known) {
        return SettingException.shown(name) + " (" + value.origin() + ") is not a nymdir setting and is ignored"
                + nearest(name, known).map(n -> "; did you mean " + n + "?").orElse("");
    }

    /** The one known name closest to {@code name}, if it is at most two edits away. */
    static Optional<String> nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : known) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Edits (insert, delete, replace, swap two neighbours) from {@code a} to {@code b}: the optimal string
     * alignment distance, which counts the usual typos (a doubled, dropped, wrong or swapped letter) as one.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
