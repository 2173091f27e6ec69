package org.nymdir.load.bench;

import java.net.URI;
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
 */
record Target(URI clientsUrl, NymAddress directory, String directoryKeyPem, URI statsUrl, Long directoryPid,
              Long mixnetPid) {
}
