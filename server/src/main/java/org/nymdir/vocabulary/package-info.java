/**
 * The words both sides of a boundary must agree on, and nothing else: the username rule ({@link
 * org.nymdir.vocabulary.Usernames}), the results a directory reports ({@link org.nymdir.vocabulary.Status}) and
 * the well-formed-text rule ({@link org.nymdir.vocabulary.Unicode}).
 *
 * <p>Why a room of its own, at the very bottom: the client SDK and the directory both speak usernames and
 * statuses, and the directory and every store must agree on which text can be kept. Put in the directory, the
 * words would make the client depend on the server's use cases; put in the store, they would make the directory
 * depend on how a store checks its arguments. Here they depend on nothing of ours, and every room may import them.
 * How a status is spelled on the wire stays with each dialect (for v1: {@code org.nymdir.dialect.v1.V1Wire}).
 */
package org.nymdir.vocabulary;
