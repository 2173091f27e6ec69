package org.nymdir.mixnet;

import java.util.concurrent.CompletableFuture;

/**
 * A text frame for the nym-client, waiting in the link's queue or on a connection: {@code written} completes
 * when it counts as handed over, which for a {@code confirm} frame means confirmed by the nym-client
 * ({@link ConfirmationLedger}), for any other frame written to the socket.
 */
record OutboundFrame(String text, CompletableFuture<Void> written, boolean confirm) {
}
