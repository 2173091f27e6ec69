/**
 * The nym-client WebSocket API as Java values and frames, as described in
 * {@code shared/docs/nym-client-websocket.md} sections A and B: the client half, what a program talking
 * <em>to</em> a nym-client needs (the directory's link, the client SDK, the load tools).
 *
 * <p>{@link org.nymdir.mixnet.wire.ClientWire} writes {@link org.nymdir.mixnet.wire.ClientRequest}s and reads
 * {@link org.nymdir.mixnet.wire.ServerResponse}s, text (JSON) and binary; a frame that does not decode raises a
 * {@link org.nymdir.mixnet.wire.WireException} carrying nym-client's error kind and text. The other half, which
 * plays the nym-client (reading requests with nym-client's exact error texts, writing responses), belongs to the
 * local mixnet: {@code org.nymdir.sim.wire}. Both halves share the values, {@link org.nymdir.mixnet.wire.BinaryTags}
 * and {@link org.nymdir.mixnet.wire.SerdeJson}, so the two cannot drift apart.
 */
package org.nymdir.mixnet.wire;
