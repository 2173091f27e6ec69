package org.nymdir.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory's Prometheus metrics, all named {@code nymdir_*} (the JVM's too: {@code nymdir_jvm_*}). Labels
 * are only the bounded vocabularies of the protocol (action, outcome, relay event); no label or value names
 * a user, a tag, an address or a message.
 *
 * <ul>
 *   <li>{@code nymdir_requests_total{action,outcome}}, {@code nymdir_request_seconds{action}} (histogram):
 *       every answered request, from arrival to the reply handed to the link;
 *   <li>{@code nymdir_relays_total{event}}: accepted, refused (by reason), delivered (handed to the nym-client),
 *       expired;
 *   <li>{@code nymdir_limit_refusals_total{action}}, {@code nymdir_store_errors_total{where}};
 *   <li>gauges: users, mailbox messages and bytes, link up, link connections, outbound and request queues.
 * </ul>
 */
public final class DirectoryMeters implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DirectoryMeters.class);
    private static final String PREFIX = "nymdir.";

    private final PrometheusMeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Micrometer holds a gauge's source weakly; these strong references keep the sources alive. */
    private final java.util.List<Object> gaugeSources = new java.util.concurrent.CopyOnWriteArrayList<>();

    public DirectoryMeters() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Before any meter exists: the filter applies to meters registered after it.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith(PREFIX) ? id : id.withName(PREFIX + id.getName());
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** An answered request: {@code action} and {@code outcome} are protocol vocabulary (lower-cased enum names). */
    public void request(String action, String outcome, long nanos) {
        String a = label(action);
        String o = label(outcome);
        counter("requests", "action", a, "outcome", o).increment();
        timers.computeIfAbsent(a, k -> Timer.builder(PREFIX + "request")
                .description("time from a request's arrival to its reply handed to the nym-client link")
                .tag("action", k)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        if (o.equals("rate_limited")) {
            counter("limit.refusals", "action", a).increment();
        } else if (o.equals("internal_error")) {
            storeError("request");
        }
        if (a.equals("send")) {
            if (o.equals("success")) {
                relay("accepted", "none");
            } else {
                relay("refused", o);
            }
        }
    }

    /** A relayed message was handed to the nym-client. */
    public void delivered() {
        relay("delivered", "none");
    }

    /** Undelivered messages removed at the end of their life. */
    public void expired(int messages) {
        counter("relays", "event", "expired", "reason", "ttl").increment(messages);
    }

    /** A store operation failed ({@code where}: request, expiry, ...). */
    public void storeError(String where) {
        counter("store.errors", "where", where).increment();
    }

    private void relay(String event, String reason) {
        counter("relays", "event", event, "reason", reason).increment();
    }

    /**
     * A gauge read at every scrape. A failing source (a store that is down) reads as NaN rather than failing
     * the scrape, and is logged once per failure kind at debug level.
     */
    public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        gaugeSources.add(source);
        Gauge.builder(PREFIX + name, source, s -> {
            try {
                return value.applyAsDouble(s);
            } catch (RuntimeException e) {
                log.debug("gauge {} failed: {}", name, e.toString());
                return Double.NaN;
            }
        }).description(description).register(registry);
    }

    /** As {@link #gauge} for a value that is expensive to read, read at most once per {@code every}. */
    public void cachedGauge(String name, String description, Supplier<? extends Number> value, Duration every) {
        Supplier<? extends Number> memo = memo(value, every);
        gauge(name, description, memo, m -> m.get().doubleValue());
    }

    /**
     * {@code source} read at most once per {@code every}; between reads, the last value. For what several
     * gauges share (one query for two numbers) and what a scrape must not read each time.
     */
    public static <T> Supplier<T> memo(Supplier<T> source, Duration every) {
        return new Memo<>(source, every.toNanos());
    }

    /** The Prometheus text exposition (format 0.0.4) of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** The registry, for meters owned elsewhere. */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join("\u0000", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(PREFIX + name).tags(tags).register(registry));
    }

    private static String label(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        gc.close();
        registry.getMeters().forEach((Meter m) -> registry.remove(m));
        registry.close();
    }

    /** A value read at most once per period; between reads, the last one. */
    private static final class Memo<T> implements Supplier<T> {
        private final Supplier<T> source;
        private final long periodNanos;
        private long readAt;
        private T last;

        Memo(Supplier<T> source, long periodNanos) {
            this.source = source;
            this.periodNanos = periodNanos;
        }

        @Override
        public synchronized T get() {
            long now = System.nanoTime();
            if (last == null || now - readAt >= periodNanos) {
                T value = source.get();
                readAt = now;
                last = value;
            }
            return last;
        }
    }
}
