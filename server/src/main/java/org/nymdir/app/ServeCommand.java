package org.nymdir.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.nymdir.app.metrics.ProcessStats;
import org.nymdir.app.metrics.StatsEndpoint;
import org.nymdir.crypto.EcdsaProvider;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nymdir serve}: the directory, beside a nym-client (or on the built-in local mixnet). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the directory. Settings come from the environment or ./.env (the original's names), then flags.")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--nym-client-id", description = "NYM_CLIENT_ID: names the key files (default nym_server)")
    String nymClientId;
    @Option(names = "--websocket-url", description = "WEBSOCKET_URL: our nym-client (default ws://127.0.0.1:1977)")
    URI websocketUrl;
    @Option(names = "--database", description = "DATABASE_PATH (default storage/<id>.db)")
    Path database;
    @Option(names = "--keys-dir", description = "KEYS_DIR (default storage/keys)")
    Path keysDir;
    @Option(names = "--secret-path", description = "SECRET_PATH: password of the key (default secrets/encryption_password)")
    Path secretPath;
    @Option(names = "--log-file", description = "LOG_FILE_PATH (default storage/app.log)")
    Path logFile;
    @Option(names = "--address-file", description = "NYM_ADDRESS_FILE (default nym_address.txt beside the database)")
    Path addressFile;
    @Option(names = "--max-request-bytes", description = "NYMDIR_MAX_REQUEST_BYTES (default 262144)")
    Integer maxRequestBytes;
    @Option(names = "--env-file", description = "the .env file to read (default ./.env)")
    Path envFile = Path.of(".env");
    @Option(names = "--stats-port", description = "serve GET /stats (latencies, CPU, heap; no user data) on "
            + "127.0.0.1 at this port; 0 = any free port (logged); off by default")
    Integer statsPort;
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
        LogFiles.appendTo(config.logFilePath());
        if (!FatalErrors.exitsOnOutOfMemory()) {
            log.warn("this JVM runs without -XX:+ExitOnOutOfMemoryError: give it the options of jvm.options beside"
                    + " the jar (java @jvm.options -jar nymdir.jar serve), so that it exits on any OutOfMemoryError");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DirectoryServer server = DirectoryServer.start(config);
        StatsEndpoint stats = statsPort == null ? null
                : StatsEndpoint.start(statsPort, server.metrics(), new ProcessStats(),
                        Map.of("ecdsaProvider", EcdsaProvider.getDefault().name()));
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

    /** Environment, overlaid with the .env file (as the original did), then with the flags given. */
    Map<String, String> variables() throws java.io.IOException {
        Map<String, String> vars = new HashMap<>(DotEnv.overlay(System.getenv(), envFile));
        put(vars, ServeConfig.NYM_CLIENT_ID, nymClientId);
        put(vars, ServeConfig.WEBSOCKET_URL, websocketUrl);
        put(vars, ServeConfig.DATABASE_PATH, database);
        put(vars, ServeConfig.KEYS_DIR, keysDir);
        put(vars, ServeConfig.SECRET_PATH, secretPath);
        put(vars, ServeConfig.LOG_FILE_PATH, logFile);
        put(vars, ServeConfig.NYM_ADDRESS_FILE, addressFile);
        put(vars, ServeConfig.MAX_REQUEST_BYTES, maxRequestBytes);
        return vars;
    }

    private static void put(Map<String, String> vars, String name, Object flag) {
        if (flag != null) {
            vars.put(name, flag.toString());
        }
    }
}
