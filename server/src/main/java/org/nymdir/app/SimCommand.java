package org.nymdir.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.nymdir.app.cli.MixnetFaults;
import org.nymdir.sim.Faults;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nymdir sim}: runs the local mixnet until SIGINT/SIGTERM, then prints a one-line summary. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run a local mixnet: nym-client-compatible WebSocket service for tests and demos.")
public final class SimCommand implements Callable<Integer> {
    @Option(names = "--service-port", defaultValue = "1977", 
            description = "Port of the service client (default ${DEFAULT-VALUE}).")
    int servicePort;

    @Option(names = "--clients-port", defaultValue = "1978", 
            description = "Port giving each connection its own client; ?id=NAME for a stable one"
                    + " (default ${DEFAULT-VALUE}).")
    int clientsPort;

    @Option(names = "--stats-port", defaultValue = "1979", 
            description = "HTTP port serving GET /stats (default ${DEFAULT-VALUE}).")
    int statsPort;

    @Option(names = "--host", defaultValue = "127.0.0.1", 
            description = "Interface to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--state-dir", defaultValue = "sim-state", 
            description = "Keeps service and named addresses across restarts (default ./${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--seed", 
            description = "Seed for loss and delay draws, to repeat a run.")
    Long seed;

    @Mixin
    MixnetFaults faults = new MixnetFaults();

    @Option(names = "--max-message-bytes", defaultValue = "0", 
            description = "Larger frames get an error response; 0 = 16 MiB.")
    int maxMessageBytes;

    @Option(names = "--simple-surbs", 
            description = "Simple SURB accounting: no reserve of 10, no top-up round trips.")
    boolean simpleSurbs;

    @Option(names = "--text-mode", 
            description = "Push received messages as text frames from the start.")
    boolean textMode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Logging.levelFromEnvironment();
        if (maxMessageBytes < 0) {
            throw new ParameterException(spec.commandLine(), "--max-message-bytes must not be negative");
        }
        Faults faults = this.faults.faults().withMaxMessageBytes(maxMessageBytes);
        SimConfig config = SimConfig.builder().host(host).servicePort(servicePort).clientsPort(clientsPort)
                .statsPort(statsPort).stateDir(stateDir).seed(seed).faults(faults).simpleSurbs(simpleSurbs)
                .textMode(textMode).build();
        LocalMixnet sim;
        try {
            sim = LocalMixnet.start(config);
        } catch (java.io.IOException e) {
            throw new CannotStart(e.getMessage() + "; choose other ports (--service-port, --clients-port,"
                    + " --stats-port; 0 = any free one) or stop what holds it", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            System.out.println(sim.summary());
            System.out.flush();
            stopped.countDown();
        }, "sim-shutdown"));
        System.out.println("local mixnet running");
        System.out.println("  service client  " + sim.serviceUrl() + "  address " + sim.serviceAddress());
        System.out.println("  other clients   " + sim.clientsUrl() + "  (stable: " + sim.clientUrl("NAME") + ")");
        System.out.println("  stats           " + sim.statsUrl());
        System.out.flush();
        stopped.await(); // until SIGINT/SIGTERM runs the hook
        return 0;
    }
}
