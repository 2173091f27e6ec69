package org.nymdir.load.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The bench sends load to this machine only: a URL that names any other host is refused. */
final class Loopback {
    private Loopback() {
    }

    static void require(URI url) throws UnknownHostException {
        if (url == null) {
            return;
        }
        String host = url.getHost();
        if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("the bench only targets this machine (loopback), not " + url);
        }
    }
}
