package org.nymdir.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.nymdir.mixnet.addressing.NymAddress;

/**
 * Every virtual client the simulator knows, by address and by name. The service client and named clients are
 * kept in the state folder; ephemeral clients live as long as their connection. Thread-safe: handshakes create
 * clients on the WebSocket threads, routing looks them up on the loop.
 */
final class AddressBook {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final StateDir state;
    private final byte[] gateway;
    private final int maxNamed;
    private final VirtualClient service;
    private final Map<NymAddress, VirtualClient> byAddress = new HashMap<>();
    private final Map<String, VirtualClient> byName = new HashMap<>();

    AddressBook(StateDir state, int maxNamed) {
        this.state = state;
        this.gateway = state.gateway();
        this.maxNamed = maxNamed;
        this.service = new VirtualClient(state.service(this::fresh), VirtualClient.Kind.SERVICE, null);
        byAddress.put(service.address, service);
        for (String name : state.namedClients(maxNamed)) {
            if (NAME.matcher(name).matches()) {
                register(new VirtualClient(state.named(name, this::fresh), VirtualClient.Kind.NAMED, name));
            }
        }
    }

    VirtualClient service() {
        return service;
    }

    /**
     * The client with this name, created (and kept in the state folder) on first use.
     *
     * @throws IllegalArgumentException for a bad name or when too many names exist
     */
    synchronized VirtualClient named(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("client ids are 1-64 of A-Z a-z 0-9 _ -");
        }
        VirtualClient existing = byName.get(name);
        if (existing != null) {
            return existing;
        }
        if (byName.size() >= maxNamed) {
            throw new IllegalArgumentException("too many named clients (" + maxNamed + ")");
        }
        return register(new VirtualClient(state.named(name, this::fresh), VirtualClient.Kind.NAMED, name));
    }

    /** A new client with a fresh address, like an ephemeral nym-client. */
    synchronized VirtualClient ephemeral() {
        VirtualClient client = new VirtualClient(fresh(), VirtualClient.Kind.EPHEMERAL, null);
        byAddress.put(client.address, client);
        return client;
    }

    synchronized VirtualClient find(NymAddress address) {
        return byAddress.get(address);
    }

    /** An ephemeral client whose connection ended is gone for good: nobody can connect as it again. */
    synchronized void forget(VirtualClient client) {
        if (client.kind == VirtualClient.Kind.EPHEMERAL) {
            byAddress.remove(client.address);
        }
    }

    private VirtualClient register(VirtualClient client) {
        byAddress.put(client.address, client);
        byName.put(client.name, client);
        return client;
    }

    private NymAddress fresh() {
        return Keys.newAddress(gateway);
    }
}
