/**
 * Keys and signatures, knowing nothing else of nymdir.
 *
 * <ul>
 *   <li>{@link org.nymdir.crypto.PemKeys}: P-256 keys to and from PEM, as Python's cryptography reads and
 *       writes them; {@link org.nymdir.crypto.EncryptedPkcs8} for passphrase-protected private keys.
 *   <li>{@link org.nymdir.crypto.Ecdsa}: sign, and verify without ever throwing, ECDSA P-256 / SHA-256 in
 *       DER and hex; {@link org.nymdir.crypto.EcdsaProvider} chooses the JCA provider that computes it.
 *   <li>{@link org.nymdir.crypto.ServerIdentity}: the directory's own key on the original server's files,
 *       decrypted once; it is the {@link org.nymdir.crypto.Signer} of replies.
 *   <li>{@link org.nymdir.crypto.ConstantTime}: comparing secrets.
 * </ul>
 *
 * Every malformed key is an {@link org.nymdir.crypto.InvalidKeyMaterialException}. Nothing here logs key
 * material, signatures or nonces.
 */
package org.nymdir.crypto;
