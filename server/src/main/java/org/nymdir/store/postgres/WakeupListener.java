package org.nymdir.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on {@link RelayWakeups#CHANNEL} on a connection of its own (a pooled one would be handed to other
 * work, and LISTEN does not pass a transaction-mode pooler) and runs {@code onWake} when a notification names
 * this node. Only a shortcut: it reconnects after a failure, and notifications lost meanwhile cost nothing but
 * the time until the node's next poll.
 */
public final class WakeupListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WakeupListener.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final PostgresConfig config;
    private final String nodeId;
    private final Runnable onWake;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    private WakeupListener(PostgresConfig config, String nodeId, Runnable onWake) {
        this.config = config;
        this.nodeId = NodeId.require(nodeId);
        this.onWake = Objects.requireNonNull(onWake, "onWake");
        this.thread = Thread.ofPlatform().name("relay-listener").daemon().unstarted(this::run);
    }

    /** Starts listening in the background. */
    public static WakeupListener start(PostgresConfig config, String nodeId, Runnable onWake) {
        WakeupListener listener = new WakeupListener(config, nodeId, onWake);
        listener.thread.start();
        return listener;
    }

    private void run() {
        long backoffMillis = 500;
        while (!closed) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + RelayWakeups.CHANNEL);
                }
                backoffMillis = 500;
                onWake.run(); // whatever was notified while we were not listening
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(1_000);
                    if (notes != null && anyForUs(notes)) {
                        onWake.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("relay listener lost its connection ({}); polling goes on, retrying in {} ms",
                        e.getMessage(), backoffMillis);
                try {
                    Thread.sleep(backoffMillis); // a real wait for a server to come back, not test timing
                } catch (InterruptedException ie) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private boolean anyForUs(PGNotification[] notes) {
        for (PGNotification n : notes) {
            if (nodeId.equals(n.getParameter())) {
                return true;
            }
        }
        return false;
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password());
        }
        p.setProperty("ApplicationName", "nymdir-listener");
        p.setProperty("connectTimeout", String.valueOf(Math.max(1, config.connectTimeout().toSeconds())));
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("closing the relay listener: {}", e.getMessage());
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
