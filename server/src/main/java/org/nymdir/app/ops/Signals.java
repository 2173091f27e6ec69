package org.nymdir.app.ops;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service does on the signals an init system and logrotate send. The JVM's own handling is wrong for a
 * service: SIGTERM runs the shutdown hooks but exits 143, which systemd reports as a failure, and SIGHUP
 * stops the process. {@link #installForService} makes SIGTERM an orderly {@code exit 0} (the shutdown hooks
 * still finish the requests in flight first) and SIGHUP a call of {@code onHangUp} (reopen the log).
 *
 * <p>The only JDK hook for this is {@code sun.misc.Signal} (module {@code jdk.unsupported}, exported and
 * supported in practice). It is reached by reflection because javac warns on every direct use of it, with
 * no way to suppress the warning, and the build treats warnings as errors. Where it is missing the JVM's
 * default stays and a warning says so.
 */
public final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** SIGTERM: {@code System.exit(0)} after the shutdown hooks; SIGHUP: {@code onHangUp}, and keep running. */
    public static void installForService(Runnable onHangUp) {
        on("TERM", () -> System.exit(0));
        on("HUP", () -> {
            try {
                onHangUp.run();
            } catch (RuntimeException e) {
                log.error("SIGHUP handling failed: {}", e.toString());
            }
        });
    }

    /** Runs {@code action} on the JVM's signal thread each time {@code name} (TERM, HUP, ...) arrives. */
    static boolean on(String name, Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Constructor<?> create = signal.getConstructor(String.class);
            Method handle = signal.getMethod("handle", signal, handler);
            Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handler},
                    (self, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.run();
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(self);
                            case "equals" -> self == args[0];
                            default -> "signal handler for SIG" + name;
                        };
                    });
            handle.invoke(null, create.newInstance(name), proxy);
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            log.warn("cannot handle SIG{} ({}): the JVM's default stays", name, cause.toString());
            return false;
        }
    }
}
