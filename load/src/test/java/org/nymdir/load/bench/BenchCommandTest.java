package org.nymdir.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nymdir.load.LoadMain;
import picocli.CommandLine;

/**
 * A tiny run of {@code nymdir bench} as an operator starts it: the local mixnet and the directory in
 * processes of their own, every phase, the result file. Checks that it completes and loses nothing; the
 * figures themselves are not asserted (timing has no place in a unit test).
 */
class BenchCommandTest {
    /** A well-formed nym address (nym-client's own test vector), so that only the URLs can be refused. */
    private static final String DIRECTORY = "CytBseW6yFXUMzz4SGAKdNLGR7q3sJLLYxyBGvutNEQV."
            + "4QXYyEVc5fUDjmmi8PrHN9tdUFV4PCvSJE1278cHyvoe@4sBbL1ngf1vtNqykydQKTFh26sQCw888GpUqvPvyNB4f";

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

    /**
     * Everything else in the command line is valid, so the only thing that can stop the run before it starts is
     * the loopback guard: without it the bench would go on to connect (and fail some other way, later).
     */
    @ParameterizedTest
    @CsvSource({
        "ws://192.0.2.1:1978/, http://127.0.0.1:1/stats, ws://192.0.2.1:1978/",
        "ws://127.0.0.1:1/, http://192.0.2.1:8080/stats, http://192.0.2.1:8080/stats",
    })
    void refusesToLoadAnotherMachine(String clientsUrl, String statsUrl, String refused) {
        CommandLine cli = LoadMain.commandLine();
        AtomicReference<Exception> failure = new AtomicReference<>();
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            failure.set(e);
            return 1;
        });
        Path json = dir.resolve("r.json");
        int exit = cli.execute("bench", "--clients-url", clientsUrl, "--stats-url", statsUrl,
                "--directory-address", DIRECTORY, "--users", "1", "--clients", "1", "--relays", "0",
                "--lookups", "0", "--warmup", "0", "--warmup-users", "1", "--timeout", "5", "--json", json.toString());

        assertThat(exit).isNotZero();
        assertThat(failure.get()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the bench only targets this machine (loopback), not " + refused);
        assertThat(json).doesNotExist();
    }
}
