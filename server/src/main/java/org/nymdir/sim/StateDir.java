package org.nymdir.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.nymdir.mixnet.addressing.Base58;
import org.nymdir.mixnet.addressing.NymAddress;

/**
 * The simulator's state folder: the addresses that must survive a restart, one text file each.
 * <pre>
 *   gateway                  base58 of the simulated gateway's identity key
 *   service.address          the service client's address
 *   clients/NAME.address     each named client's address
 * </pre>
 */
final class StateDir {
    private final Path root;
    private final Path clients;

    StateDir(Path root) {
        this.root = root;
        this.clients = root.resolve("clients");
        try {
            Files.createDirectories(clients);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sim state folder " + root, e);
        }
    }

    byte[] gateway() {
        Path file = root.resolve("gateway");
        String text = read(file);
        if (text == null) {
            text = Base58.encode(Keys.rawPublicKey("Ed25519"));
            write(file, text);
        }
        return Base58.decode(text);
    }

    NymAddress service(Supplier<NymAddress> create) {
        return loadOrCreate(root.resolve("service.address"), create);
    }

    NymAddress named(String name, Supplier<NymAddress> create) {
        return loadOrCreate(clients.resolve(name + ".address"), create);
    }

    /** Names of the named clients kept from earlier runs, at most {@code limit}. */
    List<String> namedClients(int limit) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(clients)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".address")).limit(limit)
                    .forEach(f -> names.add(f.substring(0, f.length() - ".address".length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private NymAddress loadOrCreate(Path file, Supplier<NymAddress> create) {
        String text = read(file);
        if (text != null) {
            return NymAddress.parse(text);
        }
        NymAddress address = create.get();
        write(file, address.text());
        return address;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Write-then-rename, so a crash never leaves a half-written address behind. */
    private static void write(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
