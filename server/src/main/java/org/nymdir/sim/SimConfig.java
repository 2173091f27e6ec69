package org.nymdir.sim;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the local mixnet. Immutable; build one with {@link #builder()} (nym-client's defaults) or
 * {@link #ephemeral(Path)} (ports chosen by the OS, for tests).
 *
 * @param host the interface to listen on (loopback by default: the API has no authentication)
 * @param servicePort the port of the one "service" client, as a real nym-client's 1977; 0 = any free port
 * @param clientsPort the port giving each connection its own client ({@code ?id=name} for a stable one); 0 = any
 * @param statsPort the HTTP port serving {@code GET /stats}; 0 = any
 * @param stateDir where the service and named client addresses are kept across restarts
 * @param seed seeds the fault draws (loss, delay) so runs repeat; {@code null} = random
 * @param textMode push {@code received} as text frames from the start, instead of nym-client's binary-until-text
 * @param simpleSurbs simple SURB accounting: no reserve of 10, no top-up round trips (for fast tests)
 * @param faults the initial fault knobs
 * @param holdLimit messages held per offline address; more are dropped and counted
 * @param holdBytesLimit bytes held over all offline addresses; more are dropped and counted
 * @param maxFrameBytes larger request frames get an {@code error} response (tungstenite's frame limit, 16 MiB);
 *     frames over 64 MiB close the connection, like nym-client's WebSocket library does
 * @param surbTimings the give-up limits for replies waiting on SURBs
 * @param maxNamedClients how many {@code ?id=} names may exist
 */
public record SimConfig(String host, int servicePort, int clientsPort, int statsPort, Path stateDir, Long seed,
        boolean textMode, boolean simpleSurbs, Faults faults, int holdLimit, long holdBytesLimit, int maxFrameBytes,
        SurbTimings surbTimings, int maxNamedClients) {

    /** Frames beyond this are refused by the WebSocket layer itself (tungstenite's 64 MiB message limit). */
    public static final int HARD_FRAME_LIMIT = 64 * 1024 * 1024;

    public SimConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(surbTimings, "surbTimings");
        for (int port : new int[] {servicePort, clientsPort, statsPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
        if (holdLimit < 0 || holdBytesLimit < 0 || maxNamedClients < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        if (maxFrameBytes <= 0 || maxFrameBytes > HARD_FRAME_LIMIT) {
            throw new IllegalArgumentException("maxFrameBytes must be in 1.." + HARD_FRAME_LIMIT);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults with every port 0 (chosen by the OS), for tests and embedded use. */
    public static SimConfig ephemeral(Path stateDir) {
        return builder().servicePort(0).clientsPort(0).statsPort(0).stateDir(stateDir).build();
    }

    public Builder toBuilder() {
        return new Builder().host(host).servicePort(servicePort).clientsPort(clientsPort).statsPort(statsPort)
                .stateDir(stateDir).seed(seed).textMode(textMode).simpleSurbs(simpleSurbs).faults(faults)
                .holdLimit(holdLimit).holdBytesLimit(holdBytesLimit).maxFrameBytes(maxFrameBytes)
                .surbTimings(surbTimings).maxNamedClients(maxNamedClients);
    }

    /** Builds a {@link SimConfig}; starts from nym-client's defaults. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int servicePort = 1977;
        private int clientsPort = 1978;
        private int statsPort = 1979;
        private Path stateDir = Path.of("sim-state");
        private Long seed;
        private boolean textMode;
        private boolean simpleSurbs;
        private Faults faults = Faults.NONE;
        private int holdLimit = 1000;
        private long holdBytesLimit = 256L * 1024 * 1024;
        private int maxFrameBytes = 16 * 1024 * 1024;
        private SurbTimings surbTimings = SurbTimings.NYM_CLIENT;
        private int maxNamedClients = 10_000;

        private Builder() {
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder servicePort(int v) {
            servicePort = v;
            return this;
        }

        public Builder clientsPort(int v) {
            clientsPort = v;
            return this;
        }

        public Builder statsPort(int v) {
            statsPort = v;
            return this;
        }

        public Builder stateDir(Path v) {
            stateDir = v;
            return this;
        }

        public Builder seed(Long v) {
            seed = v;
            return this;
        }

        public Builder textMode(boolean v) {
            textMode = v;
            return this;
        }

        public Builder simpleSurbs(boolean v) {
            simpleSurbs = v;
            return this;
        }

        public Builder faults(Faults v) {
            faults = v;
            return this;
        }

        public Builder holdLimit(int v) {
            holdLimit = v;
            return this;
        }

        public Builder holdBytesLimit(long v) {
            holdBytesLimit = v;
            return this;
        }

        public Builder maxFrameBytes(int v) {
            maxFrameBytes = v;
            return this;
        }

        public Builder surbTimings(SurbTimings v) {
            surbTimings = v;
            return this;
        }

        public Builder maxNamedClients(int v) {
            maxNamedClients = v;
            return this;
        }

        public SimConfig build() {
            return new SimConfig(host, servicePort, clientsPort, statsPort, stateDir, seed, textMode, simpleSurbs,
                    faults, holdLimit, holdBytesLimit, maxFrameBytes, surbTimings, maxNamedClients);
        }
    }
}
