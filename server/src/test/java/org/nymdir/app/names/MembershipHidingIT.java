package org.nymdir.app.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.crypto.Hashcash;
import org.nymdir.crypto.PemKeys;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.LocalDirectoryExtension;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestUser;

/**
 * Membership hiding ({@code NYMDIR_HIDE_MEMBERSHIP=on}) as an outsider probes it through the local mixnet: an
 * unknown name's lookup, login and send answer as a known one's do, in shape, size and (within noise) time.
 * The per-tag lookup limit is off here so that one connection can take the timing samples.
 */
class MembershipHidingIT {
    @RegisterExtension
    static final LocalDirectoryExtension env = LocalDirectoryExtension.builder()
            .settings(Map.of("NYMDIR_HIDE_MEMBERSHIP", "on", "NYMDIR_LIMIT_LOOKUP", "off",
                    "NYMDIR_LIMIT_LOOKUP_ANONYMOUS", "off")).build();

    private static ChatPeer fresh() {
        return env.peer(env.uniqueName("probe"));
    }

    private static String content(JsonNode reply) {
        return reply.get("content").textValue();
    }

    /** A name of the same length as {@code real} that nobody registered. */
    private static String unknownLike(String real) {
        return "z" + real.substring(1);
    }

    @Test
    void anUnknownNameLooksUpAsAWellFormedKeyOfTheSameSizeTheSameEveryTime() throws Exception {
        TestUser alice = TestUser.named(env.uniqueName("alice"));
        String nobody = unknownLike(alice.name());
        JsonNode real;
        JsonNode unknown;
        try (ChatPeer p = fresh()) {
            p.register(alice);
            real = p.call(Requests.query(alice.name()));
            unknown = p.call(Requests.query(nobody));
        }
        assertThat(unknown.get("action").textValue()).isEqualTo(real.get("action").textValue());
        assertThat(unknown.get("context").textValue()).isEqualTo(real.get("context").textValue());
        assertThat(content(unknown)).hasSameSizeAs(content(real));
        JsonNode record = ChatPeer.parse(content(unknown));
        assertThat(record.get("username").textValue()).isEqualTo(nobody);
        String decoy = record.get("publicKey").textValue();
        assertThat(PemKeys.parsePublicKey(decoy)).isNotNull(); // a P-256 point, SubjectPublicKeyInfo PEM
        assertThat(decoy).hasSameSizeAs(alice.publicKeyPem()).isNotEqualTo(alice.publicKeyPem());
        try (ChatPeer other = fresh()) {
            assertThat(content(other.call(Requests.query(nobody)))).as("deterministic").isEqualTo(content(unknown));
            assertThat(content(other.call(Requests.query(unknownLike(nobody) + "x")))).isNotEqualTo(content(unknown));
        }
        env.local().stopDirectory();
        env.local().startDirectory();
        try (ChatPeer afterRestart = fresh()) {
            assertThat(content(afterRestart.call(Requests.query(nobody)))).as("the same after a restart")
                    .isEqualTo(content(unknown));
        }
    }

    @Test
    void loginForAnUnknownNameFailsExactlyAsAWrongSignatureDoes() {
        TestUser bob = TestUser.named(env.uniqueName("bob"));
        TestUser guesser = TestUser.named("guesser");
        try (ChatPeer b = fresh()) {
            b.register(bob);
        }
        List<String> real = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : List.of(bob.name(), unknownLike(bob.name()))) {
            try (ChatPeer p = fresh()) {
                JsonNode challenge = p.call(Requests.login(name));
                String nonce = ChatPeer.parse(content(challenge)).get("nonce").textValue();
                JsonNode answer = p.call(Requests.loginResponse(name, guesser.sign(nonce)));
                (name.equals(bob.name()) ? real : unknown).addAll(List.of(challenge.get("action").textValue(),
                        challenge.get("context").textValue(), answer.get("action").textValue(),
                        answer.get("context").textValue(), content(answer)));
            }
        }
        assertThat(unknown).isEqualTo(real)
                .containsExactly("challenge", "login", "challengeResponse", "login", "error: invalid signature");
    }

    @Test
    void aSendToAnUnknownNameIsAnsweredSuccessAndDropped() {
        TestUser carol = TestUser.named(env.uniqueName("carol"));
        try (ChatPeer c = fresh()) {
            c.register(carol);
            long before = env.directory().mailboxSize();
            String nobody = unknownLike(carol.name());
            assertThat(content(c.call(Requests.send(carol, Requests.content(carol.name(), nobody, "{}")))))
                    .isEqualTo("success");
            assertThat(env.directory().waitingFor(nobody)).isZero();
            assertThat(env.directory().mailboxSize()).isEqualTo(before);
        }
    }

    @Test
    void registrationStillSaysTakenButOnlyAfterTheWorkIsPaid() {
        TestUser dave = TestUser.named(env.uniqueName("dave"));
        TestUser squatter = TestUser.named(dave.name().toUpperCase(java.util.Locale.ROOT));
        try (ChatPeer d = fresh()) {
            d.register(dave);
        }
        try (ChatPeer p = fresh()) {
            JsonNode challenge = p.call(Requests.register(squatter.name(), squatter.publicKeyPem()));
            assertThat(challenge.get("action").textValue()).as("a taken name gets its puzzle too")
                    .isEqualTo("challenge");
            JsonNode puzzle = ChatPeer.parse(content(challenge));
            String nonce = puzzle.get("nonce").textValue();
            String work = Hashcash.solve(nonce, puzzle.get("work").get("bits").intValue());
            assertThat(content(p.call(Requests.registrationResponse(squatter.name(), squatter.sign(nonce), work))))
                    .isEqualTo("error: username already in use");
        }
    }

    /**
     * In the manner of SimpleX's timing test: many interleaved samples of each kind, compared as distributions
     * (a two-sample Kolmogorov-Smirnov test at alpha = 0.001), not one run against a wall-clock threshold. The
     * medians are printed for the record.
     */
    @Test
    void realAndUnknownLookupsTakeTheSameTimeWithinNoise() {
        TestUser erin = TestUser.named(env.uniqueName("erin"));
        String nobody = unknownLike(erin.name());
        int samples = 200;
        long[] real = new long[samples];
        long[] unknown = new long[samples];
        try (ChatPeer p = fresh()) {
            p.register(erin);
            for (int i = 0; i < 20; i++) { // warm-up: JIT, caches, the route's SURBs
                p.call(Requests.query(i % 2 == 0 ? erin.name() : nobody));
            }
            for (int i = 0; i < samples; i++) {
                boolean realFirst = i % 2 == 0; // alternate, so neither kind always follows the other
                long first = time(p, realFirst ? erin.name() : nobody);
                long second = time(p, realFirst ? nobody : erin.name());
                real[i] = realFirst ? first : second;
                unknown[i] = realFirst ? second : first;
            }
        }
        double d = ksStatistic(real, unknown);
        double critical = 1.949 * Math.sqrt(2.0 / samples); // c(0.001) * sqrt((n + m) / (n * m))
        System.out.printf("lookup timing through the local mixnet: real median %.3f ms, unknown median %.3f ms,"
                + " KS D = %.3f (critical %.3f at alpha 0.001, %d samples each)%n", median(real) / 1e6,
                median(unknown) / 1e6, d, critical, samples);
        assertThat(d).as("the two distributions differ beyond noise").isLessThan(critical);
    }

    private static long time(ChatPeer p, String name) {
        long start = System.nanoTime();
        JsonNode reply = p.call(Requests.query(name));
        long took = System.nanoTime() - start;
        assertThat(reply.get("action").textValue()).isEqualTo("queryResponse");
        return took;
    }

    /** The largest distance between the two empirical distribution functions. */
    static double ksStatistic(long[] a, long[] b) {
        long[] x = a.clone();
        long[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            long v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
