package org.nymdir.app;

import java.net.BindException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.nymdir.app.admin.ControlEndpoint;
import org.nymdir.app.metrics.ProcessStats;
import org.nymdir.app.ops.Signals;
import org.nymdir.app.metrics.StatsEndpoint;
import org.nymdir.app.settings.Setting;
import org.nymdir.app.settings.SettingException;
import org.nymdir.app.settings.Variables;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.nymdir.app.settings.LogSettings;
import org.nymdir.app.settings.ServeSettings;

/**
 * {@code nymdir serve}: the directory, beside a nym-client (or on the built-in local mixnet). Every setting is
 * checked before anything starts; what stops a start is one line on stderr and in the log file
 * ({@link org.nymdir.Main#commandLine()} prints it).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the directory. Every setting below is a variable (the original server's names, or"
                + " NYMDIR_...) read from the environment and ./.env (the file wins, as in the original), or the"
                + " flag beside it (flags win over both). Nothing is required; a NYMDIR_ name that is no setting"
                + " is warned about at start."})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    /** Where the local mixnet's service client listens (SimConfig's default), for checking before it starts. */
    private static final String LOCAL_MIXNET_URL = "ws://127.0.0.1:1977/";

    @Mixin
    DirectoryOptions directory;

    @Option(names = "--local-mixnet", description = "also run the built-in local mixnet in this process "
            + "(service port 1977, clients port 1978, stats 1979, state in ./sim-state) and use it")
    boolean localMixnet;

    @Override
    public Integer call() throws Exception {
        DirectoryOptions.Loaded loaded = directory.load();
        Variables vars = loaded.variables();
        vars.given(LogSettings.LEVEL).ifPresent(Logging::setLevel);
        // first, so that whatever stops the start below is in the log file too
        LogFiles.appendTo(vars.get(ServeSettings.LOG_FILE_PATH), vars.get(ServeSettings.LOG_MAX_SIZE),
                vars.get(ServeSettings.LOG_KEEP));
        // SIGTERM (systemd stop): the shutdown hook below, then exit 0; SIGHUP (logrotate): reopen the log.
        Signals.installForService(LogFiles::reopen);
        loaded.warnings().forEach(log::warn);
        if (!FatalErrors.exitsOnOutOfMemory()) {
            log.warn("this JVM runs without -XX:+ExitOnOutOfMemoryError: give it the options of jvm.options beside"
                    + " the jar (java @jvm.options -jar nymdir.jar serve), so that it exits on any OutOfMemoryError");
        }
        refuse(loaded.problems());
        ServeConfig config = ServeConfig.from(localMixnet ? withLocalMixnet(vars, LOCAL_MIXNET_URL) : vars);
        LocalMixnet mixnet = null;
        if (localMixnet) {
            mixnet = startLocalMixnet();
            config = ServeConfig.from(withLocalMixnet(vars, mixnet.serviceUrl().toString()));
        }
        DirectoryServer server;
        StatsEndpoint stats;
        ControlEndpoint control;
        try {
            server = DirectoryServer.start(config);
            stats = startStats(config, vars, server);
            control = startControl(config, server, stats);
        } catch (Exception | Error e) {
            if (mixnet != null) {
                mixnet.close();
            }
            throw e;
        }
        awaitShutdown(server, stats, control, mixnet);
        return 0;
    }

    /** Each problem on a line of its own; the last is thrown, for {@link org.nymdir.Main} to report and exit on. */
    private static void refuse(List<SettingException> problems) {
        if (problems.isEmpty()) {
            return;
        }
        problems.subList(0, problems.size() - 1).forEach(p -> log.error("cannot start: {}", p.getMessage()));
        throw problems.get(problems.size() - 1);
    }

    private static Variables withLocalMixnet(Variables vars, String url) {
        return vars.with(ServeSettings.WEBSOCKET_URL.name(), url, "--local-mixnet");
    }

    private static LocalMixnet startLocalMixnet() throws CannotStart {
        LocalMixnet mixnet;
        try {
            mixnet = LocalMixnet.start(SimConfig.builder().build());
        } catch (java.io.IOException e) {
            throw new CannotStart("--local-mixnet: " + e.getMessage() + "; stop what holds the port (another"
                    + " nymdir sim or nym-client?), or run without --local-mixnet", e);
        }
        log.info("local mixnet: chat clients connect to {} (ws://HOST:PORT/?id=NAME for a stable address); "
                + "stats at {}", mixnet.clientsUrl(), mixnet.statsUrl());
        return mixnet;
    }

    private static StatsEndpoint startStats(ServeConfig config, Variables vars, DirectoryServer server)
            throws CannotStart {
        if (config.statsPort().isEmpty()) {
            return null;
        }
        int port = config.statsPort().getAsInt();
        String host = config.ops().statsHost();
        StatsEndpoint stats;
        try {
            stats = StatsEndpoint.start(InetAddress.getByName(host), port, server.metrics(), new ProcessStats(),
                    Map.of("ecdsaProvider", server.ecdsaProvider().name()), server.meters(), server.readiness());
        } catch (java.io.IOException e) {
            server.close();
            String why = e instanceof BindException ? host + ":" + port + " is in use; choose another port (0 = any"
                    + " free one) or stop what holds it" : "cannot listen on " + host + ":" + port + ": " + e;
            throw new CannotStart(given(vars, ServeSettings.STATS_PORT) + ": " + why, e);
        }
        log.info("stats port {}: GET /health/live, /health/ready, /metrics, /stats on {}", stats.port(), host);
        return stats;
    }

    /** {@code ./nymdir admin} finds this node through the token file and asks it (a block takes effect at once). */
    private static ControlEndpoint startControl(ServeConfig config, DirectoryServer server, StatsEndpoint stats)
            throws CannotStart {
        try {
            return ControlEndpoint.start(server.admin(), config.ops().adminTokenFile());
        } catch (java.io.IOException e) {
            if (stats != null) {
                stats.close();
            }
            server.close(); // the clean stop: requests already in flight finish, the database closes
            throw new CannotStart(ServeSettings.ADMIN_TOKEN_FILE.name() + "=" + config.ops().adminTokenFile() + ": "
                    + e.getMessage() + "; check the folder's owner and mode, or name another file", e);
        }
    }

    /** {@code NAME=value (origin)}, for a message about a setting that parsed but cannot be used. */
    private static String given(Variables vars, Setting<?> setting) {
        return vars.value(setting.name()).map(v -> setting.name() + "=" + v.text() + " (" + v.origin() + ")")
                .orElse(setting.name());
    }

    private static void awaitShutdown(DirectoryServer server, StatsEndpoint stats, ControlEndpoint control,
                                      LocalMixnet mixnet) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM (then exit 0) and SIGINT run this: finish requests in flight, flush replies, close the database.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            if (stats != null) {
                stats.close();
            }
            server.close();
            if (mixnet != null) {
                mixnet.close();
            }
            stopped.countDown();
            LogFiles.stop();
        }, "shutdown"));
        stopped.await();
    }

    /** The settings as given: environment, .env, flags; the .env file's first problem thrown. */
    Variables variables() {
        DirectoryOptions.Loaded loaded = directory.load();
        if (!loaded.problems().isEmpty()) {
            throw loaded.problems().get(0);
        }
        return loaded.variables();
    }
}
