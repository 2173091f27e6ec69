package org.nymdir.load.bench;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Random;
import java.util.stream.IntStream;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.dialect.json.PythonJson;

/**
 * Everything the bench sends, made before any timing starts: users with real P-256 keys, and the relay
 * and lookup requests already rendered and signed as a nymCHAT client would. Only the answers to challenges
 * are signed during the run, because the nonce is not known before.
 *
 * <p>User {@code u} lives on connection {@code u % connections}, and sends its relays from there, so the
 * directory never has to move a user's sender tag (which would be a write) during the relay phase.
 */
final class Workload {
    /** Marks a relay's number inside its body, so the recipient side can tell which one arrived. */
    static final String ID_MARK = "BENCH#";

    final String[] names;
    final String[] pems;
    final PrivateKey[] signingKeys;
    final int connections;
    private final Ecdsa ecdsa;

    private Workload(String[] names, String[] pems, PrivateKey[] signingKeys, int connections, Ecdsa ecdsa) {
        this.names = names;
        this.pems = pems;
        this.signingKeys = signingKeys;
        this.connections = connections;
        this.ecdsa = ecdsa;
    }

    /** {@code users} fresh users with a run-unique name prefix (so a long-running directory takes them all). */
    static Workload users(int users, int connections, Ecdsa ecdsa) {
        String prefix = "b" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36) + "_";
        String[] names = new String[users];
        String[] pems = new String[users];
        PrivateKey[] keys = new PrivateKey[users];
        IntStream.range(0, users).parallel().forEach(u -> {
            EcKeyPair pair = EcKeyPair.generate(new SecureRandom());
            names[u] = prefix + u;
            pems[u] = pair.publicKeyPem();
            keys[u] = ecdsa.provider().importPrivateKey(pair.privateKey());
        });
        return new Workload(names, pems, keys, users == 0 ? 1 : connections, ecdsa);
    }

    int users() {
        return names.length;
    }

    int connectionOf(int user) {
        return user % connections;
    }

    String register(int user) {
        StringBuilder b = new StringBuilder(pems[user].length() + 100)
                .append("{\"action\": \"register\", \"usernym\": ");
        PythonJson.writeString(names[user], b).append(", \"publicKey\": ");
        return PythonJson.writeString(pems[user], b).append('}').toString();
    }

    String registrationResponse(int user, String nonce) {
        String signature = ecdsa.signHex(signingKeys[user], nonce.getBytes(StandardCharsets.UTF_8));
        StringBuilder b = new StringBuilder(250).append("{\"action\": \"registrationResponse\", \"username\": ");
        PythonJson.writeString(names[user], b).append(", \"signature\": ");
        return PythonJson.writeString(signature, b).append('}').toString();
    }

    /** A relay: who sends it, and the request text, signed. */
    record Relay(int sender, int recipient, String request) {
    }

    /** {@code count} relays between random users, with a body of about {@code bodyBytes}, signed now. */
    Relay[] relays(int count, int bodyBytes, long seed) {
        Random random = new Random(seed);
        int[][] pairs = new int[count][];
        for (int i = 0; i < count; i++) {
            pairs[i] = new int[] {random.nextInt(users()), random.nextInt(users())};
        }
        String pad = "x".repeat(Math.max(0, bodyBytes - 40));
        Relay[] relays = new Relay[count];
        IntStream.range(0, count).parallel().forEach(i -> {
            int from = pairs[i][0];
            int to = pairs[i][1];
            StringBuilder c = new StringBuilder(bodyBytes + 150).append("{\"sender\": ");
            PythonJson.writeString(names[from], c).append(", \"recipient\": ");
            PythonJson.writeString(names[to], c).append(", \"body\": {\"id\": \"").append(ID_MARK).append(i)
                    .append("#\", \"pad\": \"").append(pad).append("\"}, \"encrypted\": true}");
            String content = c.toString();
            String signature = ecdsa.signHex(signingKeys[from], content.getBytes(StandardCharsets.UTF_8));
            StringBuilder r = new StringBuilder(content.length() + 200).append("{\"action\": \"send\", \"content\": ");
            PythonJson.writeString(content, r).append(", \"signature\": ");
            relays[i] = new Relay(from, to, PythonJson.writeString(signature, r).append('}').toString());
        });
        return relays;
    }

    /** A lookup of a random registered user. */
    String query(Random random) {
        StringBuilder b = new StringBuilder(80).append("{\"action\": \"query\", \"username\": ");
        return PythonJson.writeString(names[random.nextInt(users())], b).append('}').toString();
    }

    /** The relay number in a delivered message, or -1. */
    static int relayId(String envelope) {
        int at = envelope.indexOf(ID_MARK);
        if (at < 0) {
            return -1;
        }
        int n = 0;
        for (int i = at + ID_MARK.length(); i < envelope.length(); i++) {
            char ch = envelope.charAt(i);
            if (ch == '#') {
                return n;
            }
            if (ch < '0' || ch > '9' || n > (Integer.MAX_VALUE - 9) / 10) {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return -1;
    }
}
