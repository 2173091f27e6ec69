package org.nymdir.directory;

import java.util.List;
import java.util.Map;

/**
 * What a node found when told that mail waits for some users ({@link Directory#waitingMail}): deliveries for
 * the users whose tag it holds, and for the others the node that holds their tag now (they moved), so the
 * word can be passed on.
 */
public record WaitingMail(List<Outcome.Delivery> deliveries, Map<String, String> elsewhere) {
    public WaitingMail {
        deliveries = List.copyOf(deliveries);
        elsewhere = Map.copyOf(elsewhere);
    }
}
