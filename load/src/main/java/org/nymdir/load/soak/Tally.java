package org.nymdir.load.soak;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the soak saw, counted from many threads at once. Sends are tracked one by one (by the sequence number
 * in their text), because the verdict is a set comparison: every send that was answered {@code success} must
 * be received by its recipient, still be in the mailbox, or have expired.
 */
final class Tally {
    /** The kinds of request the soak makes. */
    enum Op {
        SEND("send"),
        LOOKUP("lookup"),
        LOOKUP_UNKNOWN("lookup of an unknown user"),
        LOGIN("login"),
        BAD("bad request"),
        RECONNECT("reconnect (new client run, login)");

        final String label;

        Op(String label) {
            this.label = label;
        }
    }

    /** Per kind of request: how many were made and what became of them. */
    static final class OpCounts {
        final LongAdder issued = new LongAdder();
        /** Answered as expected (success, or the error a bad request must get). */
        final LongAdder ok = new LongAdder();
        /** Answered with a refusal the soak did not provoke (rate limit, mailbox full, ...). */
        final LongAdder refused = new LongAdder();
        /** No answer within the reply timeout: the request or its reply was lost in the mixnet. */
        final LongAdder unanswered = new LongAdder();
        /** Answered, but not as the protocol says it must be. */
        final LongAdder wrong = new LongAdder();
    }

    private final Map<Op, OpCounts> ops = new EnumMap<>(Op.class);
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> wrongAnswers = new ConcurrentHashMap<>();

    final Set<Long> accepted = ConcurrentHashMap.newKeySet();
    final Set<Long> sendsUnanswered = ConcurrentHashMap.newKeySet();
    final Set<Long> sendsRefused = ConcurrentHashMap.newKeySet();
    final Set<Long> delivered = ConcurrentHashMap.newKeySet();
    /** Messages shown to an application a second time (a new client run got one whose ack was lost). */
    final LongAdder redelivered = new LongAdder();
    /** Received by someone else than its recipient, or from someone else than its sender. */
    final LongAdder misdelivered = new LongAdder();
    /** Messages the client refused (bad signature, undecryptable): must never happen here. */
    final LongAdder rejected = new LongAdder();
    /** Received texts the soak never sent. */
    final LongAdder foreign = new LongAdder();
    /** Bad requests that cannot be answered (not JSON): sent, no answer expected. */
    final LongAdder unanswerable = new LongAdder();
    final LongAdder linkFailures = new LongAdder();

    Tally() {
        for (Op op : Op.values()) {
            ops.put(op, new OpCounts());
        }
    }

    OpCounts op(Op op) {
        return ops.get(op);
    }

    void refused(Op op, String reason) {
        ops.get(op).refused.increment();
        refusals.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void wrong(Op op, String what) {
        ops.get(op).wrong.increment();
        wrongAnswers.computeIfAbsent(op.label + ": " + what, r -> new LongAdder()).increment();
    }

    long issued() {
        return ops.values().stream().mapToLong(c -> c.issued.sum()).sum();
    }

    long total(java.util.function.Function<OpCounts, LongAdder> which) {
        return ops.values().stream().mapToLong(c -> which.apply(c).sum()).sum();
    }

    Map<String, Long> refusals() {
        return snapshot(refusals);
    }

    Map<String, Long> wrongAnswers() {
        return snapshot(wrongAnswers);
    }

    /** Accepted sends not received (yet). */
    long undelivered() {
        return accepted.stream().filter(seq -> !delivered.contains(seq)).count();
    }

    /** A message text the soak sends: {@code soak:SEQ:FROM:TO:NONCE}. */
    static String text(long seq, String from, String to, String nonce) {
        return "soak:" + seq + ":" + from + ":" + to + ":" + nonce;
    }

    /** What a received or stored text says about itself; null if it is not one of ours. */
    record Parsed(long seq, String from, String to) {}

    static Parsed parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 5 || !parts[0].equals("soak")) {
            return null;
        }
        try {
            return new Parsed(Long.parseLong(parts[1]), parts[2], parts[3]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A chat message arrived at {@code recipient} from {@code sender}. */
    void received(String recipient, String sender, String text) {
        Parsed p = parse(text);
        if (p == null) {
            foreign.increment();
        } else if (!p.to().equals(recipient) || !p.from().equals(sender)) {
            misdelivered.increment();
        } else if (!delivered.add(p.seq())) {
            redelivered.increment();
        }
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
