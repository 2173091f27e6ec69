package org.nymdir.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a {@code .env} file the way the original server's {@code envLoader.py} did, so an operator's existing
 * file means the same here: {@code KEY=VALUE} lines, lines starting with {@code #} and blank lines skipped,
 * the value taken literally (no quotes removed, no {@code $VAR} expansion), and file values winning over the
 * process environment.
 */
final class DotEnv {
    private static final long MAX_SIZE = 64 * 1024;

    private DotEnv() {
    }

    /** The environment as the original saw it: {@code env} overlaid with the file's entries, if it exists. */
    static Map<String, String> overlay(Map<String, String> env, Path file) throws IOException {
        Map<String, String> merged = new HashMap<>(env);
        if (!Files.isRegularFile(file)) {
            return merged;
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
            merged.put(stripped.substring(0, eq), stripped.substring(eq + 1));
        }
        return merged;
    }
}
