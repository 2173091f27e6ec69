package org.nymdir.app.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code .env} file the way the original server's {@code envLoader.py} did, so an operator's existing
 * file means the same here: {@code KEY=VALUE} lines, lines starting with {@code #} and blank lines skipped,
 * the value taken literally (no quotes removed, no {@code $VAR} expansion). The original then wrote each entry
 * into its process environment, so the file wins over the environment: {@link Variables#overlay} it on top.
 */
public final class DotEnv {
    private static final long MAX_SIZE = 64 * 1024;

    private DotEnv() {
    }

    /** The file's entries, each with its line as origin; none if the file does not exist. */
    public static Map<String, Variables.Value> read(Path file) throws IOException {
        Map<String, Variables.Value> entries = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        if (Files.size(file) > MAX_SIZE) {
            throw new IOException(file + " is larger than " + MAX_SIZE + " bytes; is it really a .env file?");
        }
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String stripped = line.strip();
            int eq = stripped.indexOf('=');
            if (eq <= 0) {
                // No content in the message: a .env line may hold a secret.
                throw new IOException(file + " line " + number + " is not a KEY=VALUE line");
            }
            entries.put(stripped.substring(0, eq), new Variables.Value(stripped.substring(eq + 1),
                    file + " line " + number));
        }
        return entries;
    }
}
