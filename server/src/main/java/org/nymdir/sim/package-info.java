/**
 * The local mixnet: a nym-client-compatible WebSocket service hosting many virtual nym-clients, with sender
 * tags, SURB accounting, offline holds and fault knobs, modelled on section C.7 of
 * {@code shared/docs/nym-client-websocket.md}. Start it with {@link org.nymdir.sim.LocalMixnet#start}; see
 * {@code docs/sim.md} for running it standalone.
 *
 * <p>Threads: Java-WebSocket's threads decode frames and claim connections; everything else (routing, holds,
 * tags, SURB stocks, fault draws) runs on one loop thread ({@code SimLoop}), so it needs no locks and seeded runs
 * repeat.
 */
package org.nymdir.sim;
