package org.nymdir.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory's own signing key, stored exactly as the original nymDirectory stores it so an operator can
 * switch servers on the same files:
 *
 * <ul>
 *   <li>{@code <KEYS_DIR>/<id>_private_key.enc}: see {@link LegacyKeyFile} (PBKDF2 + AES-256-GCM);
 *   <li>{@code <KEYS_DIR>/<id>_public_key.pem}: SubjectPublicKeyInfo PEM;
 *   <li>the password: the content of {@code SECRET_PATH}, whitespace-trimmed as Python trims it.
 * </ul>
 *
 * The key is decrypted once, at load; the original ran PBKDF2 twice per reply. Missing files are created
 * (secret and private key with mode 0600); what was created, and any secret file that others can read, is
 * in {@link #report()} (world-readable files are also logged as a warning).
 */
public final class ServerIdentity implements Signer {
    private static final Logger log = LoggerFactory.getLogger(ServerIdentity.class);

    /** The id becomes part of file names; nothing that could climb out of the keys directory. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /**
     * What loading did and found, for the caller to log.
     *
     * @param secretCreated the secret file was missing and now holds a new random secret
     * @param keyCreated the private key file was missing and a new key was generated
     * @param publicKeyRewritten the public key file was missing or did not match the private key
     * @param worldReadable existing secret files that others may read (also logged as a warning)
     */
    public record Report(boolean secretCreated, boolean keyCreated, boolean publicKeyRewritten,
                         List<Path> worldReadable) {
        public Report {
            worldReadable = List.copyOf(worldReadable);
        }
    }

    private final EcKeyPair keyPair;
    private final PrivateKey signingKey;
    private final String publicKeyPem;
    private final Ecdsa ecdsa;
    private final Path privateKeyPath;
    private final Path publicKeyPath;
    private final Report report;

    private ServerIdentity(EcKeyPair keyPair, Ecdsa ecdsa, Path privateKeyPath, Path publicKeyPath, Report report) {
        this.keyPair = keyPair;
        this.signingKey = ecdsa.provider().importPrivateKey(keyPair.privateKey());
        this.publicKeyPem = PemKeys.publicKeyPem(keyPair.publicKey());
        this.ecdsa = ecdsa;
        this.privateKeyPath = privateKeyPath;
        this.publicKeyPath = publicKeyPath;
        this.report = report;
    }

    /** As {@link #loadOrCreate(Path, String, Path, Ecdsa, SecureRandom)} on the process's ECDSA provider. */
    public static ServerIdentity loadOrCreate(Path keysDir, String clientId, Path secretPath)
            throws IOException, InvalidKeyMaterialException {
        return loadOrCreate(keysDir, clientId, secretPath, Ecdsa.withDefaultProvider(), new SecureRandom());
    }

    /**
     * Loads the identity of {@code clientId} from {@code keysDir}, creating what is missing.
     *
     * @throws IllegalArgumentException the client id is not usable in a file name
     * @throws IOException the files cannot be read or written
     * @throws InvalidKeyMaterialException a file is malformed, or the password does not decrypt the key
     */
    public static ServerIdentity loadOrCreate(Path keysDir, String clientId, Path secretPath, Ecdsa ecdsa,
            SecureRandom random) throws IOException, InvalidKeyMaterialException {
        Objects.requireNonNull(ecdsa, "ecdsa");
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()
                || clientId.equals(".") || clientId.equals("..")) {
            throw new IllegalArgumentException("client id unusable in a key file name: " + clientId);
        }
        List<Path> worldReadable = new ArrayList<>();

        boolean secretCreated = false;
        if (!Files.exists(secretPath)) {
            Path parent = secretPath.toAbsolutePath().getParent();
            if (parent != null) {
                KeyFiles.createDirectories(parent);
            }
            byte[] secret = (SecretFile.newSecret(random) + "\n").getBytes(StandardCharsets.US_ASCII);
            secretCreated = KeyFiles.createNew(secretPath, secret, KeyFiles.OWNER_ONLY);
        } else if (KeyFiles.isWorldReadable(secretPath)) {
            worldReadable.add(secretPath);
        }
        char[] password = SecretFile.read(secretPath).toCharArray();

        try {
            KeyFiles.createDirectories(keysDir);
            Path privatePath = keysDir.resolve(clientId + "_private_key.enc");
            Path publicPath = keysDir.resolve(clientId + "_public_key.pem");

            boolean keyCreated = false;
            EcKeyPair pair;
            if (!Files.exists(privatePath)) {
                pair = EcKeyPair.generate(random);
                byte[] pem = PemKeys.privateKeyPem(pair).getBytes(StandardCharsets.US_ASCII);
                String sealed = LegacyKeyFile.seal(pem, password, random);
                Arrays.fill(pem, (byte) 0);
                KeyFiles.replace(privatePath, sealed.getBytes(StandardCharsets.US_ASCII), KeyFiles.OWNER_ONLY);
                keyCreated = true;
            } else {
                if (KeyFiles.isWorldReadable(privatePath)) {
                    worldReadable.add(privatePath);
                }
                pair = decrypt(privatePath, secretPath, password, secretCreated);
            }
            boolean publicRewritten = ensurePublicKeyFile(publicPath, pair.publicKey());

            for (Path open : worldReadable) {
                log.warn("{} is readable by every user of this machine; restrict it: chmod 600 {}", open, open);
            }
            Report report = new Report(secretCreated, keyCreated, publicRewritten, worldReadable);
            return new ServerIdentity(pair, ecdsa, privatePath, publicPath, report);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static EcKeyPair decrypt(Path privatePath, Path secretPath, char[] password, boolean secretJustCreated)
            throws IOException, InvalidKeyMaterialException {
        byte[] pem;
        try {
            pem = LegacyKeyFile.open(Files.readString(privatePath, StandardCharsets.US_ASCII), password);
        } catch (InvalidKeyMaterialException e) {
            String why = secretJustCreated
                    ? "the secret file " + secretPath + " was missing and has just been created with a new "
                            + "password, but the existing key was encrypted with another one; restore the old "
                            + "secret file"
                    : "wrong password in " + secretPath + ", or the key file is damaged";
            throw new InvalidKeyMaterialException("cannot decrypt the server key " + privatePath + ": " + why
                    + " (" + e.getMessage() + ")");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidKeyMaterialException("server key file " + privatePath + " is not base64 text");
        }
        try {
            return PemKeys.parsePrivateKey(new String(pem, StandardCharsets.US_ASCII));
        } catch (InvalidKeyMaterialException e) {
            throw new InvalidKeyMaterialException("server key file " + privatePath
                    + " decrypts, but not to a P-256 private key: " + e.getMessage());
        } finally {
            Arrays.fill(pem, (byte) 0);
        }
    }

    /** Writes the public key file when it is missing or holds another key. True when it was written. */
    private static boolean ensurePublicKeyFile(Path publicPath, ECPublicKey publicKey) throws IOException {
        String expected = PemKeys.publicKeyPem(publicKey);
        if (Files.exists(publicPath)) {
            try {
                ECPublicKey onDisk = PemKeys.parsePublicKey(Files.readString(publicPath, StandardCharsets.UTF_8));
                if (onDisk.getW().equals(publicKey.getW())) {
                    return false;
                }
                log.warn("{} holds a key that does not match the private key; rewriting it", publicPath);
            } catch (InvalidKeyMaterialException | java.nio.charset.MalformedInputException e) {
                log.warn("{} is not a valid public key; rewriting it", publicPath);
            }
        }
        KeyFiles.replace(publicPath, expected.getBytes(StandardCharsets.US_ASCII), KeyFiles.PUBLIC);
        return true;
    }

    /** ECDSA P-256 / SHA-256 over the message, DER, lower-case hex. */
    @Override
    public String signHex(byte[] message) {
        return ecdsa.signHex(signingKey, message);
    }

    /** The public key PEM, exactly as Python writes it (and as the public key file holds it). */
    public String publicKeyPem() {
        return publicKeyPem;
    }

    public ECPublicKey publicKey() {
        return keyPair.publicKey();
    }

    public Path privateKeyPath() {
        return privateKeyPath;
    }

    public Path publicKeyPath() {
        return publicKeyPath;
    }

    public Report report() {
        return report;
    }

    @Override
    public String toString() {
        return "ServerIdentity[" + publicKeyPath + "]";
    }
    /**
     * A 32-byte secret for {@code purpose}, derived from the private key (HMAC-SHA256 keyed by its scalar):
     * the same after every restart, different per purpose, and telling nothing about the key.
     */
    public byte[] derivedSecret(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyPair.privateKey().getS().toByteArray(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
