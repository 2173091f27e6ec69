package org.nymdir.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.load.LoadMain;

/**
 * A tiny run of {@code nymdir bench} as an operator starts it: the local mixnet and the directory in
 * processes of their own, every phase, the result file. Checks that it completes and loses nothing; the
 * figures themselves are not asserted (timing has no place in a unit test).
 */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSmallRunCompletesWithNothingLostAndWritesItsFigures() throws Exception {
        Path json = dir.resolve("result.json");
        int exit = LoadMain.commandLine().execute("bench", "--users", "30", "--relays", "60", "--lookups", "20",
                "--clients", "5", "--warmup", "10", "--warmup-users", "5", "--verify-every", "1",
                "--timeout", "60", "--work-dir", dir.resolve("work").toString(), "--json", json.toString());

        assertThat(exit).isZero();
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.path("messagesLost").asLong()).isZero();
        assertThat(result.path("badSignatures").asLong()).isZero();
        assertThat(result.path("signaturesChecked").asLong()).isPositive();
        assertThat(result.at("/phases/registrations/ok").asLong()).isEqualTo(30);
        assertThat(result.at("/phases/relays/ok").asLong()).isEqualTo(60);
        assertThat(result.at("/phases/lookups/ok").asLong()).isEqualTo(20);
        assertThat(result.at("/phases/relays/directorySideMs/count").asLong()).isEqualTo(60);
        assertThat(result.at("/directory/cpuSeconds").asDouble()).isPositive();
        assertThat(result.at("/directory/heapMaxBytes").asLong()).isEqualTo(256L << 20);
        assertThat(result.at("/machine/nproc").asInt()).isPositive();
    }

    @Test
    void refusesToLoadAnotherMachine() {
        int exit = LoadMain.commandLine().execute("bench", "--clients-url", "ws://192.0.2.1:1978/",
                "--directory-address", "x", "--json", dir.resolve("r.json").toString());
        assertThat(exit).isNotZero();
    }
}
