package org.nymdir.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.EcdsaProvider;
import org.nymdir.crypto.InvalidKeyMaterialException;
import org.nymdir.crypto.PemKeys;
import org.nymdir.dialect.DecodeResult;
import org.nymdir.dialect.json.PythonJson;
import org.nymdir.dialect.v1.V1Dialect;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.store.Correspondence;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.MailQuota;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.store.memory.InMemoryMailbox;
import org.nymdir.store.memory.InMemoryPresence;
import org.nymdir.store.memory.InMemoryUserStore;
import org.nymdir.testing.TestClock;
import org.nymdir.testing.TestUser;
import org.nymdir.vocabulary.Unicode;
import org.nymdir.vocabulary.Usernames;

/**
 * Random and mutated requests through the whole request path as the pipeline runs it: {@link V1Dialect#decode},
 * {@link Directory#handle}, {@link V1Dialect#encode}, with in-memory stores and real signatures.
 *
 * <p>Each try is a short session of a few clients: valid requests (register, challenge answers signed over the
 * nonce they really got, login, query, signed sends and acks) of which many are mutated (dropped fields, wrong
 * types, huge values, deep nesting, bad hex, bad PEM, base58 junk, any Unicode including lone surrogates,
 * duplicated keys, truncation, mutations inside the signed content, re-signed or not), plus random JSON and
 * random text. For every one: no exception escapes; every reply and every forwarded message is a well-formed
 * envelope (exactly action, content, context, signature, rendered in ASCII as Python renders it, signed by the
 * directory) whose action and context are the documented ones for the request; and the state stays consistent
 * (every stored user has a valid name and a P-256 key, every stored message runs between registered users).
 */
class ProtocolFuzzProperties {
    private static final Ecdsa ECDSA = new Ecdsa(EcdsaProvider.jdk());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final EcKeyPair SERVER = EcKeyPair.generate(RANDOM);
    /** Registered in every world. */
    private static final List<TestUser> USERS = List.of(TestUser.named("alice"), TestUser.named("bob_2"),
            TestUser.named("Carol-X"));
    /** Keys for names registered during a try. */
    private static final List<TestUser> NEWCOMERS = List.of(TestUser.named("new_1"), TestUser.named("new-2"));
    private static final List<String> TAGS = List.of(tag(1), tag(2), tag(3), tag(4));

    /** The (action, context) pairs of the v1 tables and the ack extension. */
    private static final Set<String> DOCUMENTED = Set.of(
            "challenge/registration", "challenge/login", "challengeResponse/registration",
            "challengeResponse/login", "queryResponse/query", "sendResponse/chat", "ackResponse/chat",
            "updateResponse/chat", "sendGroupResponse/chat", "createGroupResponse/chat",
            "inviteGroupResponse/chat", "error/chat", "incomingMessage/chat");

    private static String tag(int seed) {
        byte[] b = new byte[SenderTag.SIZE];
        b[0] = (byte) seed;
        b[15] = (byte) (seed * 31);
        return SenderTag.of(b).base58();
    }

    // ---- what a try runs ----

    enum Kind { REGISTER, REGISTRATION_RESPONSE, LOGIN, LOGIN_RESPONSE, QUERY, SEND, ACK, UNIMPLEMENTED, UNKNOWN }

    /**
     * One request: a valid one of {@code kind}, then {@code mutation} applied to it. A register or login is
     * followed by its challenge answer (signed over the nonce it got), mutated by {@code followUp}.
     */
    record Step(Kind kind, int user, int other, int tag, Mutation mutation, boolean pythonEscapes,
                Mutation followUp) {
    }

    sealed interface Mutation {
    }

    record NoMutation() implements Mutation {
    }

    record DropField(int index) implements Mutation {
    }

    record WrongType(int index, JsonNode value) implements Mutation {
    }

    record Huge(int index, int length) implements Mutation {
    }

    record DeepNest(int index, int depth, boolean arrays) implements Mutation {
    }

    record BadHex(int variant) implements Mutation {
    }

    record BadPem(int variant, int position) implements Mutation {
    }

    record Junk(int index, String text) implements Mutation {
    }

    record DuplicateKey(int index, JsonNode value, boolean first) implements Mutation {
    }

    record Truncate(int position) implements Mutation {
    }

    record Action(String action) implements Mutation {
    }

    /** For send and ack: a mutation inside the signed content, signed again or not. */
    record InContent(Mutation inner, boolean resign) implements Mutation {
    }

    /** Anything as the whole request: random JSON or random text. */
    record Whole(String text) implements Mutation {
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Step>> sessions() {
        return step().list().ofMinSize(1).ofMaxSize(8);
    }

    private Arbitrary<Step> step() {
        Arbitrary<Kind> kind = Arbitraries.frequency(net.jqwik.api.Tuple.of(4, Kind.SEND),
                net.jqwik.api.Tuple.of(2, Kind.ACK), net.jqwik.api.Tuple.of(3, Kind.REGISTER),
                net.jqwik.api.Tuple.of(1, Kind.REGISTRATION_RESPONSE), net.jqwik.api.Tuple.of(2, Kind.LOGIN),
                net.jqwik.api.Tuple.of(1, Kind.LOGIN_RESPONSE), net.jqwik.api.Tuple.of(1, Kind.QUERY),
                net.jqwik.api.Tuple.of(1, Kind.UNIMPLEMENTED), net.jqwik.api.Tuple.of(1, Kind.UNKNOWN));
        Arbitrary<Mutation> followUp = Arbitraries.oneOf(Arbitraries.just(new NoMutation()), mutation(false));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, TAGS.size() - 1),
                        mutation(true), Arbitraries.of(true, false), followUp)
                .as(Step::new);
    }

    private Arbitrary<Mutation> mutation(boolean top) {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 5);
        List<Arbitrary<? extends Mutation>> choices = new ArrayList<>(List.of(
                Arbitraries.just(new NoMutation()),
                index.map(DropField::new),
                Combinators.combine(index, jsonValue(3)).as(WrongType::new),
                Combinators.combine(index, Arbitraries.of(0, 1, 5_000, 70_000, 300_000)).as(Huge::new),
                Combinators.combine(index, Arbitraries.of(1, 5, 31, 33, 200, 5_000), Arbitraries.of(true, false))
                        .as(DeepNest::new),
                Arbitraries.integers().between(0, 9).map(BadHex::new),
                Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 200))
                        .as(BadPem::new),
                Combinators.combine(index, junk()).as(Junk::new),
                Combinators.combine(index, jsonValue(2), Arbitraries.of(true, false)).as(DuplicateKey::new),
                Arbitraries.integers().between(0, 400).map(Truncate::new),
                Arbitraries.oneOf(Arbitraries.of("register", "login", "send", "ack", "query", "update", "",
                        "Send", "__proto__", "loginResponse"), junk()).map(Action::new)));
        if (top) {
            Arbitrary<Mutation> inContent = Combinators.combine(mutation(false), Arbitraries.of(true, false))
                    .as(InContent::new);
            choices.add(inContent);
            choices.add(inContent);
            choices.add(inContent);
            choices.add(Arbitraries.oneOf(jsonValue(4).map(JsonNode::toString), junk()).map(Whole::new));
        }
        return Arbitraries.oneOf(choices);
    }

    /** Text nobody would send: any UTF-16 (lone surrogates too), base58 and hex look-alikes, JSON shards. */
    private static Arbitrary<String> junk() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withChars("0OIl+/123456789ABCDEFGHJKLMNPQRSTUVWXYZabc").ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789abcdefABCDEFgxyz \n").ofMaxLength(150),
                surrogates(),
                Arbitraries.of("\uD800", "\uDC00x", "a\uD83D", "\uD83D\uDE00", "\u0000", "\u2028", "NaN", "-0",
                        "1e999", "{", "[]", "\"", "\\", "null", "true", "{\"a\": 1}", "-----BEGIN PUBLIC KEY-----"));
    }

    /** Text made of surrogate halves (paired or not), controls and ASCII. */
    private static Arbitrary<String> surrogates() {
        Arbitrary<String> high = Arbitraries.chars().range('\uD800', '\uDBFF').map(String::valueOf);
        Arbitrary<String> low = Arbitraries.chars().range('\uDC00', '\uDFFF').map(String::valueOf);
        Arbitrary<String> control = Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf);
        Arbitrary<String> ascii = Arbitraries.chars().range(' ', '\u007f').map(String::valueOf);
        return Arbitraries.oneOf(high, low, control, ascii, Arbitraries.of("\uD83D\uDE00", "\u2028", "\u00e9"))
                .list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join("", parts));
    }

    /** Random JSON values, up to {@code depth} levels. */
    private static Arbitrary<JsonNode> jsonValue(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(f.nullNode()),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.doubles().map(f::numberNode),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(),
                        java.math.BigInteger.TEN.pow(30)).map(f::numberNode),
                junk().map(f::textNode));
        if (depth <= 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = Arbitraries.lazy(() -> jsonValue(depth - 1)).list().ofMaxSize(4).map(items -> {
            ArrayNode a = f.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of("action", "usernym", "username", "publicKey", "signature",
                        "content", "sender", "recipient", "body", "ids"), junk()).list().ofMaxSize(4),
                Arbitraries.lazy(() -> jsonValue(depth - 1)).list().ofMinSize(4).ofMaxSize(4)).as((keys, values) -> {
                    ObjectNode o = f.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return o;
                });
        return Arbitraries.frequencyOf(weighted(5, leaf), weighted(2, array), weighted(2, object));
    }

    private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends JsonNode>> weighted(
            int weight, Arbitrary<JsonNode> a) {
        return net.jqwik.api.Tuple.of(weight, a);
    }

    // ---- the properties ----

    @Property(tries = 250, shrinking = ShrinkingMode.BOUNDED)
    void nothingEscapesEveryAnswerIsWellFormedAndTheStateStaysConsistent(@ForAll("sessions") List<Step> steps) {
        World world = new World(Map.of());
        for (Step step : steps) {
            world.run(step);
        }
    }

    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
    void theSameHoldsWithTheDefaultRateLimits(@ForAll("sessions") List<Step> steps) {
        World world = new World(org.nymdir.directory.limits.RateLimiter.defaults());
        for (int round = 0; round < 3; round++) { // repeated, so that some requests run into the limits
            for (Step step : steps) {
                world.run(step);
            }
        }
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40), surrogates());
    }

    /**
     * A signed send whose body is any string (controls, lone surrogates, escapes written as JSON escapes or as
     * raw characters): answered "success" and forwarded character for character, or refused as not JSON text
     * when it holds a lone surrogate; never thrown.
     */
    @Property(tries = 300)
    void signedSendsWithAnyBodyAreForwardedVerbatimOrRefused(@ForAll("anyText") String text,
                                                            @ForAll boolean escaped) {
        World world = new World(Map.of());
        String body = escaped ? PythonJson.writeString(text, new StringBuilder()).toString()
                : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String content = "{\"sender\": \"alice\", \"recipient\": \"Carol-X\", \"body\": " + body + "}";
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("action", "send").put("content", content)
                .put("signature", USERS.get(0).sign(content));
        int before = world.incoming.size();
        String answer = world.handleText(PythonJson.dumps(request), TAGS.get(0));
        if (Unicode.isWellFormed(content) && !text.chars().anyMatch(c -> c < 0x20 && !escaped)) {
            assertThat(answer).isEqualTo("success");
            assertThat(world.incoming.subList(before, world.incoming.size())).as("forwarded verbatim")
                    .containsExactly(body);
        } else {
            assertThat(answer).isEqualTo("error: invalid JSON in content");
        }
    }

    // ---- cases the search found, kept as examples ----

    /**
     * A lone surrogate inside the signed content (the outer JSON's escape {@code \\ud800} becomes one): the
     * content's UTF-8 (what the signature covers) has {@code ?} there, so the signature verifies, but no store
     * keeps such text.
     */
    @net.jqwik.api.Example
    void aLoneSurrogateInsideASignedBodyIsAnsweredNotThrown() {
        World world = new World(Map.of());
        for (String body : List.of("\"\uD800\"", "[\"a\uDC00\"]", "{\"k\uD83D\": 1}")) {
            String content = "{\"sender\": \"alice\", \"recipient\": \"bob_2\", \"body\": " + body + "}";
            ObjectNode request = JsonNodeFactory.instance.objectNode().put("action", "send").put("content", content)
                    .put("signature", USERS.get(0).sign(content));
            assertThat(world.handleText(PythonJson.dumps(request), TAGS.get(0)))
                    .isEqualTo("error: invalid JSON in content");
        }
    }

    /**
     * A PEM with a lone surrogate before its BEGIN line parses (text before it is ignored), but could not be
     * stored at the registration's answer.
     */
    @net.jqwik.api.Example
    void aLoneSurrogateAroundAPemIsAnsweredNotThrown() {
        World world = new World(Map.of());
        TestUser newcomer = NEWCOMERS.get(0);
        String tag = TAGS.get(3);
        ObjectNode register = JsonNodeFactory.instance.objectNode().put("action", "register")
                .put("usernym", newcomer.name()).put("publicKey", "\uD800" + newcomer.publicKeyPem());
        assertThat(world.handleText(PythonJson.dumps(register), tag)).isEqualTo("error: invalid public key");
    }

    // ---- one directory with its stores, and the checks ----

    private static final class World {
        final TestClock clock = TestClock.atEpochDay();
        final List<UserRecord> inserted = new ArrayList<>();
        final List<MailboxMessage> enqueued = new ArrayList<>();
        final InMemoryUserStore users = new InMemoryUserStore();
        final V1Dialect dialect = new V1Dialect(bytes -> ECDSA.signHex(SERVER.privateKey(), bytes),
                V1Dialect.DEFAULT_MAX_REQUEST_BYTES);
        final Directory directory;
        final Map<String, String> nonces = new HashMap<>(); // tag -> last nonce it got
        final Map<String, TestUser> registering = new HashMap<>(); // tag -> key it registers with
        final List<String> seenIds = new ArrayList<>();
        final List<String> incoming = new ArrayList<>(); // raw bodies forwarded, in order
        final AtomicInteger nonceCounter = new AtomicInteger();

        World(Map<org.nymdir.directory.limits.Limit, org.nymdir.directory.limits.Rate> rates) {
            UserStore recordingUsers = new RecordingUsers(users, inserted);
            Mailbox recordingMailbox = new RecordingMailbox(new InMemoryMailbox(), enqueued);
            directory = new Directory(new Stores(recordingUsers, recordingMailbox, new InMemoryPresence()),
                    new EcdsaVerifier(ECDSA, 1 << 20), () -> String.format("%032x", nonceCounter.incrementAndGet()),
                    clock, DirectoryConfig.defaults().withRates(rates));
            for (int i = 0; i < USERS.size(); i++) {
                TestUser u = USERS.get(i);
                String tag = TAGS.get(i);
                Reply.Challenge c = (Reply.Challenge) directory.handle(
                        new Request.Register(u.name(), u.publicKeyPem()), tag).reply();
                directory.handle(new Request.RegistrationResponse(u.sign(c.nonce())), tag);
            }
            assertThat(users.countUsers()).isEqualTo(USERS.size());
            // bob acks: his mail stays until acked
            String content = "{\"username\": \"bob_2\", \"ids\": [\"" + "0".repeat(32) + "\"]}";
            directory.handle(new Request.Ack(content, USERS.get(1).sign(content),
                    new AckContent.Ids("bob_2", List.of("0".repeat(32)))), TAGS.get(1));
        }

        void run(Step step) {
            handle(step);
            if (step.kind() == Kind.REGISTER || step.kind() == Kind.LOGIN) {
                Kind answer = step.kind() == Kind.REGISTER ? Kind.REGISTRATION_RESPONSE : Kind.LOGIN_RESPONSE;
                handle(new Step(answer, step.user(), step.other(), step.tag(), step.followUp(),
                        step.pythonEscapes(), new NoMutation()));
            }
        }

        void handle(Step step) {
            String tag = TAGS.get(step.tag());
            handleText(requestText(step, tag), tag);
        }

        /** Runs one request text from {@code tag}; its reply content (null when it was dropped). */
        String handleText(String text, String tag) {
            clock.advance(java.time.Duration.ofSeconds(7));
            DecodeResult decoded = dialect.decode(text);
            JsonNode answer = null;
            switch (decoded) {
                case DecodeResult.Dropped d -> {
                }
                case DecodeResult.Rejected r -> answer = checkEnvelope(dialect.encode(r.reply()), "error/chat");
                case DecodeResult.Decoded d -> {
                    Outcome outcome = directory.handle(d.request(), tag);
                    String encoded = dialect.encode(outcome.reply());
                    JsonNode reply = checkEnvelope(encoded, expectedPairs(d.request()));
                    if (reply.get("action").textValue().equals("challenge")) {
                        nonces.put(tag, ChatPeerJson.parse(reply.get("content").textValue()).get("nonce").textValue());
                    }
                    deliver(outcome.deliveries(), 0);
                    answer = reply;
                }
            }
            checkState();
            return answer == null ? null : answer.get("content").textValue();
        }

        /** Renders each delivery and reports it handed off, as the pipeline does; follows on batches. */
        void deliver(List<Outcome.Delivery> deliveries, int depth) {
            assertThat(depth).as("hand-off chains end").isLessThan(50);
            for (Outcome.Delivery d : deliveries) {
                assertThat(TAGS).as("deliveries go to tags users showed").contains(d.senderTag());
                JsonNode envelope = checkEnvelope(dialect.encode(d.reply()), "incomingMessage/chat");
                JsonNode content = ChatPeerJson.parse(envelope.get("content").textValue());
                assertThat(content.get("sender").isTextual()).isTrue();
                assertThat(content.has("body")).isTrue();
                assertThat(content.get("id").textValue()).matches("[0-9a-f]{32}");
                seenIds.add(content.get("id").textValue());
                incoming.add(((Reply.Incoming) d.reply()).rawBody());
                deliver(directory.handedOff(d), depth + 1);
            }
        }

        JsonNode checkEnvelope(String encoded, String... allowedPairs) {
            assertThat(encoded.chars().allMatch(c -> c < 0x80)).as("ASCII, as json.dumps renders it").isTrue();
            assertThat(encoded).startsWith("{\"action\": \"");
            JsonNode env = ChatPeerJson.parse(encoded);
            List<String> fields = new ArrayList<>();
            env.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("action", "content", "context", "signature");
            env.forEach(v -> assertThat(v.isTextual()).isTrue());
            String pair = env.get("action").textValue() + "/" + env.get("context").textValue();
            assertThat(DOCUMENTED).contains(pair);
            assertThat(allowedPairs).as("reply for this request").contains(pair);
            assertThat(ECDSA.verifyHex(SERVER.publicKey(),
                    env.get("content").textValue().getBytes(StandardCharsets.UTF_8), env.get("signature").textValue()))
                    .as("signed by the directory").isTrue();
            return env;
        }

        void checkState() {
            for (UserRecord u : inserted) {
                assertThat(Usernames.isValid(u.username())).as("stored name %s", u.username()).isTrue();
                assertThat(Unicode.isWellFormed(u.publicKeyPem())).isTrue();
                try {
                    ECPublicKey key = PemKeys.parsePublicKey(u.publicKeyPem());
                    assertThat(key).isNotNull();
                } catch (InvalidKeyMaterialException e) {
                    throw new AssertionError("a stored user has no valid key: " + e.getMessage(), e);
                }
            }
            for (MailboxMessage m : enqueued) {
                assertThat(users.findUser(m.sender())).as("sender of a stored message").isPresent();
                assertThat(users.findUser(m.recipient())).as("recipient of a stored message").isPresent();
            }
        }

        // ---- building requests ----

        String requestText(Step step, String tag) {
            if (step.mutation() instanceof Whole w) {
                return w.text();
            }
            ObjectNode request = valid(step, tag);
            Mutation m = step.mutation();
            if (m instanceof InContent ic && (step.kind() == Kind.SEND || step.kind() == Kind.ACK)) {
                ObjectNode content = (ObjectNode) ChatPeerJson.parse(request.get("content").textValue());
                String text = mutate(content, ic.inner(), step.pythonEscapes());
                request.put("content", text);
                if (ic.resign()) {
                    request.put("signature", signer(step).sign(text));
                }
                return render(request, step.pythonEscapes());
            }
            return mutate(request, m, step.pythonEscapes());
        }

        TestUser signer(Step step) {
            return step.kind() == Kind.ACK ? user(step.other()) : user(step.user());
        }

        TestUser user(int i) {
            return i < USERS.size() ? USERS.get(i) : NEWCOMERS.get(i - USERS.size());
        }

        ObjectNode valid(Step step, String tag) {
            ObjectNode r = JsonNodeFactory.instance.objectNode();
            TestUser user = user(step.user());
            String nonce = nonces.getOrDefault(tag, "no nonce yet");
            switch (step.kind()) {
                case REGISTER -> {
                    registering.put(tag, user);
                    r.put("action", "register").put("usernym", user.name()).put("publicKey", user.publicKeyPem());
                }
                case REGISTRATION_RESPONSE -> r.put("action", "registrationResponse").put("username", user.name())
                        .put("signature", registering.getOrDefault(tag, user).sign(nonce));
                case LOGIN -> r.put("action", "login").put("usernym", user.name());
                case LOGIN_RESPONSE -> r.put("action", "loginResponse").put("username", user.name())
                        .put("signature", user.sign(nonce));
                case QUERY -> r.put("action", "query").put("username", user.name());
                case SEND -> {
                    String content = sendContent(user, user(step.other()), step.tag());
                    r.put("action", "send").put("content", content).put("signature", user.sign(content));
                }
                case ACK -> {
                    TestUser acker = user(step.other());
                    ObjectNode content = JsonNodeFactory.instance.objectNode().put("username", acker.name());
                    ArrayNode ids = content.putArray("ids");
                    seenIds.stream().skip(Math.max(0, seenIds.size() - 3)).forEach(ids::add);
                    ids.add("f".repeat(32));
                    String text = content.toString();
                    r.put("action", "ack").put("content", text).put("signature", acker.sign(text));
                }
                case UNIMPLEMENTED -> r.put("action", List.of("update", "sendGroup", "createGroup", "inviteGroup")
                        .get(step.other() % 4)).put("content", "x");
                case UNKNOWN -> r.put("action", "frobnicate");
                default -> throw new AssertionError(step.kind());
            }
            return r;
        }

        String sendContent(TestUser from, TestUser to, int variant) {
            String body = switch (variant) {
                case 0 -> "\"plain \\u00e9 \\ud83d\\ude00\"";
                case 1 -> "{\"encryptedPayload\": {\"iv\": \"AAEC\", \"ciphertext\": \"3q2+7w==\"}, \"x\": 1.50e0}";
                case 2 -> "[1, -0, 2.0E+3, null, true]";
                default -> "{\"nested\": {\"deeper\": [\"\\\"quoted\\\"\", {}]}}";
            };
            String key = variant % 2 == 0 ? ", \"senderPublicKey\": " + PythonJson.writeString(from.publicKeyPem(),
                    new StringBuilder()) : "";
            return "{\"sender\": \"" + from.name() + "\", \"recipient\": \"" + to.name() + "\", \"body\": " + body
                    + key + ", \"encrypted\": true}";
        }

        // ---- mutations ----

        String mutate(ObjectNode node, Mutation m, boolean pythonEscapes) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            String field = names.isEmpty() ? "action" : names.get(indexOf(m, names.size()));
            JsonNodeFactory f = JsonNodeFactory.instance;
            switch (m) {
                case NoMutation n -> {
                }
                case DropField d -> node.remove(field);
                case WrongType w -> node.set(field, w.value());
                case Huge h -> node.put(field, "A".repeat(h.length()));
                case DeepNest d -> {
                    // written as text: no JSON writer nests thousands deep
                    String value = node.get(field) == null ? "null" : node.get(field).toString();
                    String open = d.arrays() ? "[" : "{\"k\": ";
                    String close = d.arrays() ? "]" : "}";
                    node.put(field, DEEP);
                    String deep = open.repeat(d.depth()) + value + close.repeat(d.depth());
                    return render(node, pythonEscapes).replace("\"" + DEEP + "\"", deep);
                }
                case BadHex b -> {
                    String target = node.has("signature") ? "signature" : field;
                    node.put(target, badHex(node.path(target).asText(""), b.variant()));
                }
                case BadPem b -> {
                    String target = node.has("publicKey") ? "publicKey" : node.has("senderPublicKey")
                            ? "senderPublicKey" : field;
                    String pem = node.path(target).isTextual() ? node.get(target).textValue()
                            : USERS.get(0).publicKeyPem();
                    node.put(target, badPem(pem, b.variant(), b.position()));
                }
                case Junk j -> node.put(field, j.text());
                case DuplicateKey d -> {
                    String text = render(node, pythonEscapes);
                    String extra = "\"" + field + "\": " + d.value().toString();
                    return d.first() || text.length() < 3 ? "{" + extra + (text.length() > 2 ? ", " : "")
                            + text.substring(1) : text.substring(0, text.length() - 1) + ", " + extra + "}";
                }
                case Truncate t -> {
                    String text = render(node, pythonEscapes);
                    return text.substring(0, Math.min(t.position(), text.length()));
                }
                case Action a -> node.put("action", a.action());
                case InContent ic -> {
                    return mutate(node, ic.inner(), pythonEscapes);
                }
                case Whole w -> {
                    return w.text();
                }
            }
            return render(node, pythonEscapes);
        }

        private static final String DEEP = "@@deep@@";

        private static int indexOf(Mutation m, int size) {
            int index = switch (m) {
                case DropField d -> d.index();
                case WrongType w -> w.index();
                case Huge h -> h.index();
                case DeepNest d -> d.index();
                case Junk j -> j.index();
                case DuplicateKey d -> d.index();
                default -> 0;
            };
            return index % size;
        }

        private static String badHex(String hex, int variant) {
            return switch (variant) {
                case 0 -> hex.isEmpty() ? "g" : "g" + hex.substring(1);
                case 1 -> hex.isEmpty() ? "0" : hex.substring(0, hex.length() - 1);
                case 2 -> hex.toUpperCase();
                case 3 -> "0x" + hex;
                case 4 -> hex.replace("0", " 0");
                case 5 -> "";
                case 6 -> hex + hex;
                case 7 -> "30" + "0".repeat(400);
                case 8 -> hex.isEmpty() ? "\uD800" : hex.substring(0, hex.length() / 2) + "\uD800";
                default -> "3006020100020100"; // a DER signature with r = s = 0
            };
        }

        private static String badPem(String pem, int variant, int position) {
            int at = Math.min(position, pem.length());
            return switch (variant) {
                case 0 -> pem.substring(0, at);
                case 1 -> pem.substring(0, at) + "!" + pem.substring(Math.min(at + 1, pem.length()));
                case 2 -> pem.replace("PUBLIC KEY", "PRIVATE KEY");
                case 3 -> pem.replace("-----END PUBLIC KEY-----", "");
                case 4 -> "garbage before\n" + pem + "\ngarbage after";
                case 5 -> "\uD800" + pem;
                case 6 -> pem.replace("\n", " \t\r\n\u000b\f");
                case 7 -> pem + pem;
                case 8 -> pem.replace("MFkw", "MFow");
                case 9 -> "-----BEGIN PUBLIC KEY-----\n" + " ".repeat(5000) + "\n-----END PUBLIC KEY-----\n";
                case 10 -> pem.replace("=", "");
                default -> "-----BEGIN PUBLIC KEY-----\nMA==\n-----END PUBLIC KEY-----\n";
            };
        }

        private static String render(ObjectNode node, boolean pythonEscapes) {
            return pythonEscapes ? PythonJson.dumps(node) : node.toString();
        }

        private static String[] expectedPairs(Request request) {
            return switch (request) {
                case Request.Register r -> new String[] {"challenge/registration", "challengeResponse/registration"};
                case Request.RegistrationResponse r -> new String[] {"challengeResponse/registration"};
                case Request.Login r -> new String[] {"challenge/login", "challengeResponse/login"};
                case Request.LoginResponse r -> new String[] {"challengeResponse/login"};
                case Request.Query r -> new String[] {"queryResponse/query"};
                case Request.Send r -> new String[] {"sendResponse/chat"};
                case Request.Ack r -> new String[] {"ackResponse/chat"};
                case Request.RotateKey r -> new String[] {"rotateKeyResponse/account"};
                case Request.DeleteAccount r -> new String[] {"deleteAccountResponse/account"};
                case Request.Unimplemented r -> new String[] {"updateResponse/chat", "sendGroupResponse/chat",
                    "createGroupResponse/chat", "inviteGroupResponse/chat"};
                case Request.Unknown r -> new String[] {"error/chat"};
            };
        }
    }

    /** Jackson with the same tolerance as the wire (NaN and friends), for reading what the directory wrote. */
    private static final class ChatPeerJson {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                new com.fasterxml.jackson.databind.ObjectMapper(
                com.fasterxml.jackson.core.JsonFactory.builder()
                        .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build());

        static JsonNode parse(String text) {
            try {
                return MAPPER.readTree(text);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + e.getMessage(), e);
            }
        }
    }

    // ---- stores that remember what was written, for the state checks ----

    private record RecordingUsers(UserStore delegate, List<UserRecord> inserted) implements UserStore {
        @Override
        public Optional<UserRecord> findUser(String username) {
            return delegate.findUser(username);
        }

        @Override
        public boolean insertUser(UserRecord user) {
            boolean ok = delegate.insertUser(user);
            if (ok) {
                inserted.add(user);
            }
            return ok;
        }

        @Override
        public boolean updateSenderTag(String username, String senderTag) {
            return delegate.updateSenderTag(username, senderTag);
        }

        @Override
        public boolean isTaken(String username) {
            return delegate.isTaken(username);
        }

        @Override
        public boolean replaceKey(String username, String oldKeyPem, String newKeyPem) {
            return delegate.replaceKey(username, oldKeyPem, newKeyPem);
        }

        @Override
        public boolean deleteAccount(String username, Instant heldUntil) {
            return delegate.deleteAccount(username, heldUntil);
        }

        @Override
        public int releaseHolds(Instant now, int limit) {
            return delegate.releaseHolds(now, limit);
        }

        @Override
        public List<String> unusedSince(Instant cutoff, int limit) {
            return delegate.unusedSince(cutoff, limit);
        }

        @Override
        public long countUsers() {
            return delegate.countUsers();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private record RecordingMailbox(Mailbox delegate, List<MailboxMessage> enqueued) implements Mailbox {
        @Override
        public EnqueueResult enqueue(MailboxMessage m, byte[] replayKey, MailQuota quota,
                                     Correspondence correspondence) {
            EnqueueResult r = delegate.enqueue(m, replayKey, quota, correspondence);
            if (r == EnqueueResult.STORED) {
                enqueued.add(m);
            }
            return r;
        }

        @Override
        public long storedBytes() {
            return delegate.storedBytes();
        }

        @Override
        public List<MailboxMessage> pending(String recipient, int limit) {
            return delegate.pending(recipient, limit);
        }

        @Override
        public int remove(String recipient, Collection<String> ids) {
            return delegate.remove(recipient, ids);
        }

        @Override
        public int expire(Instant now) {
            return delegate.expire(now);
        }

        @Override
        public List<String> recipientsWithPending(String after, int limit) {
            return delegate.recipientsWithPending(after, limit);
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public int count(String recipient) {
            return delegate.count(recipient);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
