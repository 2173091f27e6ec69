package org.nymdir.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.nymdir.app.admin.ControlEndpoint;
import org.nymdir.app.metrics.ProcessStats;
import org.nymdir.app.metrics.StatsEndpoint;
import org.nymdir.app.ops.LogFiles;
import org.nymdir.app.ops.OpsSettings;
import org.nymdir.app.ops.Signals;
import org.nymdir.crypto.EcdsaProvider;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nymdir serve}: the directory, beside a nym-client (or on the built-in local mixnet). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the directory. Settings come from the environment or ./.env (the original's names), then flags.")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ServeOptions options = new ServeOptions();
    @Option(names = "--stats-port", description = "NYMDIR_STATS_PORT: serve GET /health/live, /health/ready, "
            + "/metrics (Prometheus) and /stats (no user data) on NYMDIR_STATS_HOST (default 127.0.0.1) at this "
            + "port; 0 = any free port (logged); off by default")
    Integer statsPort;
    @Option(names = "--new-server-key", description = "NYMDIR_NEW_SERVER_KEY: allow making a new server key "
            + "although the database has users (their clients will reject the new key's signatures)")
    boolean newServerKey;
    @Option(names = "--local-mixnet", description = "also run the built-in local mixnet in this process "
            + "(service port 1977, clients port 1978, stats 1979, state in ./sim-state) and use it")
    boolean localMixnet;

    @Override
    public Integer call() throws Exception {
        Map<String, String> vars = variables();
        LocalMixnet mixnet = null;
        if (localMixnet) {
            mixnet = LocalMixnet.start(SimConfig.builder().build());
            vars.put(ServeConfig.WEBSOCKET_URL, mixnet.serviceUrl().toString());
            log.info("local mixnet: chat clients connect to {} (ws://HOST:PORT/?id=NAME for a stable address); "
                    + "stats at {}", mixnet.clientsUrl(), mixnet.statsUrl());
        }
        ServeConfig config = ServeConfig.from(vars);
        LogFiles.appendTo(config.logFilePath(), config.ops().logMaxBytes(), config.ops().logKeep());
        // SIGTERM (systemd stop): the shutdown hook below, then exit 0; SIGHUP (logrotate): reopen the log.
        Signals.installForService(LogFiles::reopen);
        if (!FatalErrors.exitsOnOutOfMemory()) {
            log.warn("this JVM runs without -XX:+ExitOnOutOfMemoryError: give it the options of jvm.options beside"
                    + " the jar (java @jvm.options -jar nymdir.jar serve), so that it exits on any OutOfMemoryError");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DirectoryServer server = DirectoryServer.start(config);
        StatsEndpoint stats = config.ops().statsPort() == null ? null
                : StatsEndpoint.start(InetAddress.getByName(config.ops().statsHost()), config.ops().statsPort(),
                        server.metrics(), new ProcessStats(), Map.of("ecdsaProvider", EcdsaProvider.getDefault().name()),
                        server.meters(), server.readiness());
        if (stats != null) {
            log.info("stats port {}: GET /health/live, /health/ready, /metrics, /stats on {}", stats.port(),
                    config.ops().statsHost());
        }
        // ./nymdir admin finds this node through the token file and asks it (a block takes effect at once).
        ControlEndpoint control;
        try {
            control = ControlEndpoint.start(server.admin(), config.ops().adminTokenFile());
        } catch (IOException e) {
            if (stats != null) {
                stats.close();
            }
            server.close(); // the clean stop: requests already in flight finish, the database closes
            throw e;
        }
        LocalMixnet started = mixnet;
        // SIGTERM and SIGINT run this: finish requests in flight, flush replies, close the database.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            if (stats != null) {
                stats.close();
            }
            server.close();
            if (started != null) {
                started.close();
            }
            stopped.countDown();
            LogFiles.stop();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    /** The options' variables (see {@link ServeOptions#variables()}) with serve's own flags. */
    Map<String, String> variables() throws IOException {
        Map<String, String> vars = options.variables();
        ServeOptions.put(vars, OpsSettings.STATS_PORT, statsPort);
        if (newServerKey) {
            vars.put(OpsSettings.NEW_SERVER_KEY, "true");
        }
        return vars;
    }
}
