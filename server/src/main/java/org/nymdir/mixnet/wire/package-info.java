/**
 * The nym-client WebSocket API as Java values and frames, both directions, text (JSON) and binary, as described
 * in {@code shared/docs/nym-client-websocket.md} sections A and B.
 *
 * <p>Clients of a nym-client use {@link org.nymdir.mixnet.wire.ClientWire}; the local mixnet, which plays the
 * nym-client, uses {@link org.nymdir.mixnet.wire.ServerWire}. Both speak
 * {@link org.nymdir.mixnet.wire.ClientRequest} and {@link org.nymdir.mixnet.wire.ServerResponse}; a frame that
 * does not decode raises a {@link org.nymdir.mixnet.wire.WireException} carrying nym-client's error kind and text.
 */
package org.nymdir.mixnet.wire;
