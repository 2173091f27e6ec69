/**
 * The nym-client half of the nym-client WebSocket API, which only the local mixnet plays: read requests exactly
 * as a real nym-client does (serde_json's error wording and positions, nym-client's binary error texts) and write
 * responses byte for byte as it does. Entry point: {@link org.nymdir.sim.wire.ServerWire}.
 *
 * <p>The values and the client half live in {@code org.nymdir.mixnet.wire}. Nothing outside the simulator needs
 * this package: the directory's link, the client SDK and the load tools are all clients of a nym-client.
 */
package org.nymdir.sim.wire;
