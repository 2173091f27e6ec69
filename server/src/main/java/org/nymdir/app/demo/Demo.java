package org.nymdir.app.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.nymdir.app.LocalDirectory;
import org.nymdir.client.ClientConfig;
import org.nymdir.client.Incoming;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Peers;
import org.nymdir.client.Route;
import org.nymdir.client.UserIdentity;
import org.nymdir.sim.Faults;

/**
 * The demo's script: the whole system in one process, each step checked, nothing taken on faith. Alice and
 * Bob are ordinary {@link NymdirClient}s on their own virtual nym-clients; every message between them is
 * end-to-end encrypted and signed, and every directory reply is checked against the directory's key.
 */
final class Demo {
    /** A step that did not do what it should; ends the demo. */
    private static final class StepFailed extends Exception {
        StepFailed(String message) {
            super(message, null, false, false);
        }
    }

    private interface Action {
        String run() throws Exception;
    }

    private final Transcript transcript;
    private final Faults faults;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    Demo(PrintWriter out, Faults faults, Duration timeout) {
        this.transcript = new Transcript(out);
        this.faults = faults;
        this.timeout = timeout;
    }

    /** Runs every step under {@code workDir}; true only if all of them passed. */
    boolean run(Path workDir) {
        transcript.header("nymdir demo: a local mixnet, a directory on a temporary SQLite database and two nymCHAT"
                        + " clients, alice and bob, all in this process.",
                "Mixnet latency " + faults.latency().toMillis() + " ms + ~" + faults.jitter().toMillis()
                        + " ms jitter per hop; replies travel back through single-use reply blocks (SURBs).");
        long start = System.nanoTime(); // monotonic: the transcript's elapsed times, measured only
        LocalDirectory[] local = new LocalDirectory[1];
        NymdirClient alice = null;
        NymdirClient bob = null;
        try {
            step("start mixnet", "-", "in-process", () -> {
                local[0] = LocalDirectory.builder(workDir).sim(b -> b.faults(faults)).startMixnet();
                return "nym-client API for the directory on " + local[0].sim().serviceUrl() + ", for users on "
                        + local[0].sim().clientsUrl();
            });
            LocalDirectory dir = local[0];
            step("start directory", "directory", "mixnet <-> SQLite", () -> {
                dir.startDirectory();
                return "address " + abbreviated(dir.address().text()) + ", database "
                        + dir.files().database().getFileName() + ", signing key published";
            });
            ClientConfig config = dir.clientConfig().withReplyTimeout(timeout).withConnectTimeout(timeout);
            NymdirClient[] clients = new NymdirClient[2];
            step("connect", "alice", "alice -> her nym-client", () -> {
                clients[0] = NymdirClient.connect(dir.sim().clientUrl("alice"), config,
                        UserIdentity.generate("alice", random), Peers.inMemory());
                return "nym address " + abbreviated(clients[0].address().text()) + ", new P-256 key";
            });
            alice = clients[0];
            step("connect", "bob", "bob -> his nym-client", () -> {
                clients[1] = NymdirClient.connect(dir.sim().clientUrl("bob"), config,
                        UserIdentity.generate("bob", random), Peers.inMemory());
                return "nym address " + abbreviated(clients[1].address().text()) + ", new P-256 key";
            });
            bob = clients[1];
            conversation(alice, bob);
            transcript.footer("all " + transcript.steps() + " steps succeeded in "
                    + Transcript.millis(Duration.ofNanos(System.nanoTime() - start)) + ".", dir.sim().summary());
            return true;
        } catch (StepFailed e) {
            transcript.footer("the demo failed: " + e.getMessage());
            return false;
        } finally {
            closeQuietly(alice);
            closeQuietly(bob);
            if (local[0] != null) {
                local[0].close();
            }
        }
    }

    private void conversation(NymdirClient alice, NymdirClient bob) throws StepFailed {
        for (NymdirClient c : new NymdirClient[] {alice, bob}) {
            String who = c.identity().username();
            step("register", who, who + " -> directory", () -> {
                c.register();
                return "name claimed: the directory's nonce signed with " + who + "'s key, reply signature ok";
            });
        }
        for (NymdirClient c : new NymdirClient[] {alice, bob}) {
            String who = c.identity().username();
            step("login", who, who + " -> directory", () -> {
                c.login();
                return "nonce signed; the directory now relays to " + who + "'s SURBs";
            });
        }
        step("lookup bob", "alice", "alice -> directory", () -> {
            String key = alice.lookup("bob").publicKeyPem();
            expect(key.equals(bob.identity().publicKeyPem()), "the directory returned another key for bob");
            return "bob's public key, the one bob registered";
        });
        message(alice, bob, "Hi Bob! Only you can read this.");
        message(bob, alice, "Hi Alice, got it. \u00c7a marche \uD83D\uDC4D");
        step("handshake", "alice", "alice -> directory -> bob", () -> {
            expect(alice.handshake("bob") == Route.DIRECTORY, "the handshake did not go through the directory");
            Incoming in = awaitFrom(bob, "alice");
            expect(in instanceof Incoming.Handshake h && h.address().equals(alice.address()),
                    "bob got " + describe(in) + " instead of alice's address");
            return "bob decrypted alice's nym address; the directory saw only ciphertext";
        });
        step("direct message", "bob", "bob -> alice (direct)", () -> {
            String text = "Straight to your address, no directory in between.";
            expect(bob.send("alice", text) == Route.DIRECT, "bob did not write directly");
            Incoming in = awaitFrom(alice, "bob");
            expect(in instanceof Incoming.Message m && m.text().equals(text) && m.route() == Route.DIRECT,
                    "alice got " + describe(in));
            return "alice received \"" + text + "\" at her nym address, bob's signatures ok";
        });
    }

    private void message(NymdirClient from, NymdirClient to, String text) throws StepFailed {
        String a = from.identity().username();
        String b = to.identity().username();
        step("message", a, a + " -> directory -> " + b, () -> {
            expect(from.send(b, text, Route.DIRECTORY) == Route.DIRECTORY, "not sent through the directory");
            Incoming in = awaitFrom(to, a);
            expect(in instanceof Incoming.Message m && m.text().equals(text) && m.route() == Route.DIRECTORY,
                    b + " got " + describe(in));
            return b + " decrypted \"" + text + "\"; " + a + "'s signatures and the directory's verified";
        });
    }

    private Incoming awaitFrom(NymdirClient c, String sender) throws InterruptedException, StepFailed {
        Incoming in = c.receive(timeout);
        expect(in != null, "nothing arrived within " + Transcript.millis(timeout));
        expect(sender.equals(in.from()), "a message from " + in.from() + " arrived instead");
        return in;
    }

    private void step(String name, String who, String path, Action action) throws StepFailed {
        long t0 = System.nanoTime();
        try {
            String outcome = action.run();
            transcript.passed(name, who, path, Duration.ofNanos(System.nanoTime() - t0), outcome);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            transcript.failed(name, who, path, Duration.ofNanos(System.nanoTime() - t0), why);
            throw new StepFailed("step " + transcript.steps() + " (" + name + ", " + who + "): " + why);
        }
    }

    private static void expect(boolean condition, String otherwise) throws StepFailed {
        if (!condition) {
            throw new StepFailed(otherwise);
        }
    }

    private static String describe(Incoming in) {
        return switch (in) {
            case Incoming.Message m -> "a " + m.route().label() + " message of " + m.text().length() + " chars";
            case Incoming.Handshake h -> "a handshake";
            case Incoming.Rejected r -> "a refused message (" + r.reason() + ")";
        };
    }

    private static String abbreviated(String address) {
        return address.substring(0, 8) + "…" + address.substring(address.indexOf('@'), address.indexOf('@') + 7) + "…";
    }

    private static void closeQuietly(NymdirClient c) {
        if (c != null) {
            c.close();
        }
    }
}
