package org.nymdir.load.bench;

import java.net.URI;
import java.util.List;
import org.nymdir.mixnet.addressing.NymAddress;

/**
 * The system under test as the bench sees it: where chat clients connect, where to send requests, the key
 * that signs replies, and where the directory's figures are.
 *
 * @param clientsUrl the mixnet's clients port (each connection is a client with its own sender tag)
 * @param directory the directory's nym address
 * @param directoryKeyPem the directory's public key, to check reply signatures; null = do not check
 * @param statsUrl the directory's {@code GET /stats}; null = no directory-side figures
 * @param directoryPid the directory's process, when known (its CPU time is read from /proc as well)
 * @param mixnetPid the local mixnet's process, when the bench started it
 * @param moreNodes further directory nodes on the same PostgreSQL database (same key), each with its own
 *                  nym address; connections are spread over all nodes, and their CPU time is added
 */
record Target(URI clientsUrl, NymAddress directory, String directoryKeyPem, URI statsUrl, Long directoryPid,
              Long mixnetPid, List<Node> moreNodes) {

    /** Another directory node: its address and process. */
    record Node(NymAddress address, long pid) {
    }

    Target {
        moreNodes = List.copyOf(moreNodes);
    }

    /** The node connection {@code index} talks to: the nodes in turn. */
    NymAddress directoryFor(int index) {
        int node = index % (1 + moreNodes.size());
        return node == 0 ? directory : moreNodes.get(node - 1).address();
    }

    /** CPU seconds of the further nodes' processes, -1 when a reading failed. */
    double moreNodesCpuSeconds() {
        double sum = 0;
        for (Node n : moreNodes) {
            double s = CpuTime.seconds(n.pid());
            if (s < 0) {
                return -1;
            }
            sum += s;
        }
        return sum;
    }
}
