package org.nymdir.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.vocabulary.Usernames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users a client knows: their keys, their nym addresses after a handshake, and whether we introduced
 * ourselves. In memory, or kept in a JSON file (owner-only: it maps names to nym addresses) so that
 * short-lived CLI runs remember across invocations what the nymCHAT app keeps in its database. Thread-safe.
 */
public final class Peers {
    private static final Logger log = LoggerFactory.getLogger(Peers.class);

    private final Map<String, Peer> byName = new LinkedHashMap<>();
    private final Path file;

    private Peers(Path file) {
        this.file = file;
    }

    public static Peers inMemory() {
        return new Peers(null);
    }

    /** Peers kept in {@code file}, loaded now if it exists; entries that do not parse are skipped. */
    public static Peers open(Path file) throws IOException {
        Peers peers = new Peers(file);
        if (Files.exists(file)) {
            JsonNode root = Envelope.tree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw new IOException(file + " is not a JSON object");
            }
            for (var entry : root.properties()) {
                Peer p = parse(entry.getKey(), entry.getValue());
                if (p != null) {
                    peers.byName.put(p.username(), p);
                }
            }
        }
        return peers;
    }

    public synchronized Optional<Peer> get(String username) {
        return Optional.ofNullable(byName.get(username));
    }

    public synchronized List<Peer> all() {
        return new ArrayList<>(byName.values());
    }

    void rememberKey(String username, String publicKeyPem) {
        update(username, p -> {
            if (p.publicKeyPem() != null && !p.publicKeyPem().equals(publicKeyPem)) {
                log.warn("the public key of {} changed", username);
            }
            return p.withKey(publicKeyPem);
        });
    }

    void rememberAddress(String username, NymAddress address) {
        update(username, p -> p.withAddress(address));
    }

    void markIntroduced(String username) {
        update(username, Peer::asIntroduced);
    }

    private synchronized void update(String username, UnaryOperator<Peer> change) {
        Peer before = byName.getOrDefault(username, new Peer(username, null, null, false));
        Peer after = change.apply(before);
        if (after.equals(before) && byName.containsKey(username)) {
            return;
        }
        byName.put(username, after);
        if (file != null) {
            try {
                save();
            } catch (IOException e) {
                log.warn("cannot save peers to {}: {}", file, e.toString());
            }
        }
    }

    private void save() throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Peer p : byName.values()) {
            ObjectNode n = root.putObject(p.username());
            n.put("publicKey", p.publicKeyPem());
            n.put("address", p.address() == null ? null : p.address().text());
            n.put("introduced", p.introduced());
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, ".peers", ".tmp", ownerOnly);
        try {
            Files.writeString(temp, Envelope.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                    StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Peer parse(String username, JsonNode n) {
        if (!Usernames.isValid(username) || !n.isObject()) {
            return null;
        }
        NymAddress address = null;
        String text = Envelope.string(n, "address");
        if (text != null) {
            try {
                address = NymAddress.parse(text);
            } catch (IllegalArgumentException e) {
                log.warn("ignoring a malformed nym address stored for {}", username);
            }
        }
        return new Peer(username, Envelope.string(n, "publicKey"), address,
                n.path("introduced").asBoolean(false));
    }
}
