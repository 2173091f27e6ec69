package org.nymdir.crypto;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.regex.Pattern;

/**
 * A chat user's key files, laid out as the original nymCHAT client lays them out, so either client opens the
 * other's keys:
 *
 * <ul>
 *   <li>{@code <dir>/<user>/<user>_private_key.pem}: unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), or, when
 *       the user gives a passphrase, {@code BEGIN ENCRYPTED PRIVATE KEY} (see {@link EncryptedPkcs8}; the
 *       original client cannot open those);
 *   <li>{@code <dir>/<user>/<user>_public_key.pem}: SubjectPublicKeyInfo PEM.
 * </ul>
 *
 * Files are created owner-only (the folder 0700, the private key 0600) and never overwritten: a key that
 * registered a name is the only way to log in as it again.
 */
public final class ClientKeyFiles {
    /** The name becomes a folder and file names: nothing that could climb out of {@code dir}. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private ClientKeyFiles() {}

    public static Path privateKeyPath(Path dir, String user) {
        return dir.resolve(checked(user)).resolve(user + "_private_key.pem");
    }

    public static Path publicKeyPath(Path dir, String user) {
        return dir.resolve(checked(user)).resolve(user + "_public_key.pem");
    }

    public static boolean exists(Path dir, String user) {
        return Files.exists(privateKeyPath(dir, user));
    }

    /**
     * Loads the user's key pair.
     *
     * @param passphrase needed only if the private key file is encrypted; may be null
     * @throws NoSuchFileException the private key file does not exist
     * @throws InvalidKeyMaterialException the file is not a P-256 private key, needs a passphrase, the
     *     passphrase is wrong, or the public key file holds another key
     */
    public static EcKeyPair load(Path dir, String user, char[] passphrase)
            throws IOException, InvalidKeyMaterialException {
        Path privatePath = privateKeyPath(dir, user);
        EcKeyPair pair;
        try {
            pair = PemKeys.parsePrivateKey(Files.readString(privatePath, StandardCharsets.US_ASCII), passphrase);
        } catch (MalformedInputException e) {
            throw new InvalidKeyMaterialException(privatePath + " is not a PEM text file");
        } catch (InvalidKeyMaterialException e) {
            throw new InvalidKeyMaterialException(privatePath + ": " + e.getMessage(), e);
        }
        Path publicPath = publicKeyPath(dir, user);
        if (Files.exists(publicPath)) {
            // A mismatch means someone mixed files of two identities; signing with one while peers know the
            // other would fail in confusing ways later, so say it now.
            ECPublicKey onDisk;
            try {
                onDisk = PemKeys.parsePublicKey(Files.readString(publicPath, StandardCharsets.US_ASCII));
            } catch (MalformedInputException e) {
                throw new InvalidKeyMaterialException(publicPath + " is not a PEM text file");
            }
            if (!onDisk.getW().equals(pair.publicKey().getW())) {
                throw new InvalidKeyMaterialException(publicPath + " does not match " + privatePath);
            }
        }
        return pair;
    }

    /**
     * Writes a new key pair for the user.
     *
     * @param passphrase encrypts the private key when not null (and not empty)
     * @throws FileAlreadyExistsException the user already has a private key file here; it is left untouched
     */
    public static void save(Path dir, String user, EcKeyPair pair, char[] passphrase, SecureRandom random)
            throws IOException {
        Path privatePath = privateKeyPath(dir, user);
        KeyFiles.createDirectories(privatePath.getParent());
        String pem = passphrase != null && passphrase.length > 0
                ? EncryptedPkcs8.encryptToPem(pair, passphrase, random)
                : PemKeys.privateKeyPem(pair);
        if (!KeyFiles.createNew(privatePath, pem.getBytes(StandardCharsets.US_ASCII), KeyFiles.OWNER_ONLY)) {
            throw new FileAlreadyExistsException(privatePath.toString(), null, "a key for this user exists");
        }
        KeyFiles.replace(publicKeyPath(dir, user), pair.publicKeyPem().getBytes(StandardCharsets.US_ASCII),
                KeyFiles.PUBLIC);
    }

    /**
     * Puts the user's keys from {@code from} in place of those in {@code dir} (after a key rotation the old key is
     * worth nothing): each file moved atomically, the private key first, so a crash between leaves the new
     * private key in place and {@link #load} naming the mismatch, never a lost key. {@code from}'s folder goes.
     */
    public static void promote(Path from, Path dir, String user) throws IOException {
        KeyFiles.createDirectories(privateKeyPath(dir, user).getParent());
        Files.move(privateKeyPath(from, user), privateKeyPath(dir, user), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(publicKeyPath(from, user), publicKeyPath(dir, user), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        delete(from, user);
    }

    /** Removes the user's key files, for undoing a registration the directory refused. */
    public static void delete(Path dir, String user) throws IOException {
        Files.deleteIfExists(privateKeyPath(dir, user));
        Files.deleteIfExists(publicKeyPath(dir, user));
        Path folder = dir.resolve(user);
        try (var left = Files.list(folder)) {
            if (left.findAny().isEmpty()) {
                Files.delete(folder);
            }
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    private static String checked(String user) {
        if (user == null || !SAFE_NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("not a usable user name for key files: " + user);
        }
        return user;
    }
}
