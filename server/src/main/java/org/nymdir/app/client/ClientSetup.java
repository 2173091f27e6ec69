package org.nymdir.app.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nymdir.client.ClientConfig;
import org.nymdir.client.ClientException;
import org.nymdir.client.Peers;
import org.nymdir.client.UserIdentity;
import org.nymdir.crypto.ClientKeyFiles;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;
import org.nymdir.mixnet.addressing.NymAddress;

/** Turns {@link ClientOptions} into what the SDK needs: the directory, its key, our identity and peers. */
final class ClientSetup {
    private final ClientOptions options;

    ClientSetup(ClientOptions options) {
        this.options = options;
    }

    /** The directory's address and key, and our timeouts. */
    ClientConfig config() throws IOException {
        if (!(options.timeoutSeconds > 0) || options.timeoutSeconds > 24 * 3600) {
            throw new IllegalArgumentException("--timeout must be a positive number of seconds");
        }
        Duration timeout = Duration.ofMillis(Math.round(options.timeoutSeconds * 1000));
        ClientConfig config = ClientConfig.of(directoryAddress()).withReplyTimeout(timeout)
                .withConnectTimeout(timeout.compareTo(ClientConfig.DEFAULT_CONNECT_TIMEOUT) < 0
                        ? timeout : ClientConfig.DEFAULT_CONNECT_TIMEOUT);
        Path keyFile = directoryKeyFile();
        return keyFile == null ? config : config.withDirectoryKey(readKey(keyFile));
    }

    private NymAddress directoryAddress() throws IOException {
        String value = options.directory();
        if (value.contains("@") && !Files.exists(Path.of(value))) {
            return parseAddress(value, "--directory");
        }
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no directory: " + file + " does not exist; give --directory with"
                    + " the directory's nym address or the file it wrote it to");
        }
        return parseAddress(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
    }

    private static NymAddress parseAddress(String text, String where) {
        try {
            return NymAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not a nym address: " + e.getMessage());
        }
    }

    /** The explicit key file, else the one key a directory published beside its address file, else null. */
    private Path directoryKeyFile() throws IOException {
        if (options.directoryKey() != null) {
            return options.directoryKey();
        }
        Path addressFile = Path.of(options.directory());
        if (!Files.isRegularFile(addressFile)) {
            return null;
        }
        Path folder = addressFile.toAbsolutePath().getParent();
        List<Path> found = new ArrayList<>();
        for (Path dir : List.of(folder, folder.resolve("keys"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.getFileName().toString().endsWith("_public_key.pem")).forEach(found::add);
                }
            }
        }
        return found.size() == 1 ? found.get(0) : null;
    }

    private static ECPublicKey readKey(Path file) throws IOException {
        try {
            return PemKeys.parsePublicKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--directory-key: " + file + " does not exist");
        } catch (InvalidKeyMaterialException | java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("--directory-key: " + file + " is not a P-256 public key PEM");
        }
    }

    /** The user's keys from {@code --keys-dir}. */
    UserIdentity identity(String username) throws ClientException {
        checkName(username);
        try {
            return new UserIdentity(username, ClientKeyFiles.load(options.keysDir(), username, passphrase()));
        } catch (NoSuchFileException e) {
            throw new ClientException.KeyProblem("no keys for " + username + " in " + options.keysDir()
                    + " (expected " + ClientKeyFiles.privateKeyPath(options.keysDir(), username) + "); register first,"
                    + " or give --keys-dir", null);
        } catch (InvalidKeyMaterialException e) {
            throw new ClientException.KeyProblem(e.getMessage(), null);
        } catch (IOException e) {
            throw new ClientException.KeyProblem("cannot read the keys of " + username + ": " + e, null);
        }
    }

    /** What the user knows about others, kept beside its keys. */
    Peers peers(String username) throws ClientException {
        Path file = options.keysDir().resolve(username).resolve("peers.json");
        try {
            return Peers.open(file);
        } catch (IOException e) {
            throw new ClientException.KeyProblem("cannot read " + file + ": " + e.getMessage(), null);
        }
    }

    /** The passphrase from --passphrase-file or NYMDIR_KEY_PASSPHRASE; null if neither is given. */
    char[] passphrase() throws ClientException {
        Path file = options.passphraseFile();
        if (file != null) {
            try {
                String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
                if (first.isEmpty()) {
                    throw new ClientException.KeyProblem(file + " holds no passphrase", null);
                }
                return first.toCharArray();
            } catch (IOException e) {
                throw new ClientException.KeyProblem("cannot read --passphrase-file: " + e, null);
            }
        }
        String given = options.passphrase();
        return given == null ? null : given.toCharArray();
    }

    Path keysDir() {
        return options.keysDir();
    }

    /** Checked before any file is touched: the name becomes a folder. */
    static void checkName(String username) {
        if (!org.nymdir.vocabulary.Usernames.isValid(username)) {
            throw new IllegalArgumentException("'" + username + "' is not a valid username: 1-64 of A-Z a-z 0-9 _ -");
        }
    }
}
