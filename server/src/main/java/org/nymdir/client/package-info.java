/**
 * A nymCHAT client SDK: speaks to a directory exactly what the nymCHAT app speaks (requests rendered as
 * Python's {@code json.dumps}, 10 reply SURBs, nonces signed with the user's P-256 key), end-to-end
 * encrypts and signs messages ({@link org.nymdir.client.e2e}), and checks every reply against the
 * directory's key when it is known.
 *
 * <p>Start with {@link org.nymdir.client.NymdirClient}. Failures are the cases of
 * {@link org.nymdir.client.ClientException}; what arrives is an {@link org.nymdir.client.Incoming}.
 * Inside: {@code DirectoryExchange} pairs replies with requests by (action, context), {@code Receiving}
 * sorts what the nym-client hands us and acks relays, {@code MessageReceiver} verifies and decrypts,
 * {@code Outgoing} encrypts and signs. The client never touches a store: it knows the directory only
 * through the mixnet. Usage and files: {@code docs/client.md}.
 */
package org.nymdir.client;
