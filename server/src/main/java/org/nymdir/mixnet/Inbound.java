package org.nymdir.mixnet;

import org.nymdir.mixnet.addressing.SenderTag;

/**
 * A message the nym-client received from the mixnet. {@code senderTag} is null for plain messages and for
 * replies that came back through our own SURBs; chat requests always carry one.
 */
public record Inbound(SenderTag senderTag, byte[] message) {
}
