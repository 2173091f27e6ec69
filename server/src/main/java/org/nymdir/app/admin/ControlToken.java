package org.nymdir.app.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Where a running node's control endpoint listens and the secret that opens it, in a file only its owner may
 * read ({@code NYMDIR_ADMIN_TOKEN_FILE}, mode 0600): whoever can read it may administer the node, exactly
 * like whoever can open the database file.
 *
 * @param port  the loopback port of the control endpoint
 * @param token 64 hex digits
 */
public record ControlToken(int port, String token) {
    public ControlToken {
        if (port < 1 || port > 65535 || token == null || !token.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a control token");
        }
    }

    public static ControlToken random(int port, SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new ControlToken(port, HexFormat.of().formatHex(secret));
    }

    /** Writes the file whole (temporary file with mode 0600, then an atomic rename). */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".admin-token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, "port=" + port + "\ntoken=" + token + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The token in {@code file}; throws when it is missing, unreadable or malformed. */
    public static ControlToken read(Path file) throws IOException {
        if (Files.size(file) > 1024) {
            throw new IOException(file + " is not a control token file");
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            p.load(in);
        }
        try {
            return new ControlToken(Integer.parseInt(p.getProperty("port", "0").strip()),
                    p.getProperty("token", "").strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a control token file", e);
        }
    }
}
