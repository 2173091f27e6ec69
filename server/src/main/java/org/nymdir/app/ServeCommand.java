package org.nymdir.app;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.nymdir.app.metrics.ProcessStats;
import org.nymdir.app.metrics.StatsEndpoint;
import org.nymdir.app.settings.Variables;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nymdir serve}: the directory, beside a nym-client (or on the built-in local mixnet). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the directory. Every setting below is a variable (the original server's names, or"
                + " NYMDIR_...) read from the environment and ./.env (the file wins, as in the original), or the"
                + " flag beside it (flags win over both). Nothing is required."})
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    DirectoryOptions directory;

    @Option(names = "--local-mixnet", description = "also run the built-in local mixnet in this process "
            + "(service port 1977, clients port 1978, stats 1979, state in ./sim-state) and use it")
    boolean localMixnet;

    @Override
    public Integer call() throws Exception {
        Variables vars = variables();
        LocalMixnet mixnet = null;
        if (localMixnet) {
            mixnet = LocalMixnet.start(SimConfig.builder().build());
            vars = vars.with(ServeSettings.WEBSOCKET_URL.name(), mixnet.serviceUrl().toString(), "--local-mixnet");
            log.info("local mixnet: chat clients connect to {} (ws://HOST:PORT/?id=NAME for a stable address); "
                    + "stats at {}", mixnet.clientsUrl(), mixnet.statsUrl());
        }
        ServeConfig config = ServeConfig.from(vars);
        config.logLevel().ifPresent(Logging::setLevel);
        LogFiles.appendTo(config.logFilePath());
        CountDownLatch stopped = new CountDownLatch(1);
        DirectoryServer server = DirectoryServer.start(config);
        StatsEndpoint stats = config.statsPort().isEmpty() ? null
                : StatsEndpoint.start(config.statsPort().getAsInt(), server.metrics(), new ProcessStats(),
                        Map.of("ecdsaProvider", server.ecdsaProvider().name()));
        if (stats != null) {
            log.info("stats at http://127.0.0.1:{}/stats", stats.port());
        }
        LocalMixnet started = mixnet;
        // SIGTERM and SIGINT run this: finish requests in flight, flush replies, close the database.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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

    /** The settings as given: environment, .env, flags. */
    Variables variables() throws java.io.IOException {
        return directory.variables();
    }
}
