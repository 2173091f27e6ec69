package org.nymdir.load.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.nymdir.sim.SimStats;

/**
 * The soak's accounts, and how they are printed. The verdict: {@code lost = accepted - delivered - stored -
 * expired} must be 0, where {@code delivered} and {@code stored} count accepted sends only (each at most once:
 * a message received but still in the mailbox, waiting for its ack, counts as delivered).
 */
record SoakResult(Soak.Settings settings, Tally tally, boolean complete, long loadNanos, long drainNanos,
                  int drainRounds, long totalNanos, MailboxAudit mailbox, long mailboxAtStop, long expired,
                  SimStats sim, int warmupMessages) {

    long issued() {
        return tally.issued();
    }

    long accepted() {
        return tally.accepted.size();
    }

    /** Accepted sends their recipient received. */
    long delivered() {
        return tally.accepted.stream().filter(tally.delivered::contains).count();
    }

    /** Accepted sends still in the mailbox that their recipient never received. */
    long stored() {
        return mailbox.storedUndelivered();
    }

    long lost() {
        return accepted() - delivered() - stored() - expired;
    }

    long unanswered() {
        return tally.total(c -> c.unanswered);
    }

    long refused() {
        return tally.total(c -> c.refused);
    }

    /** Sends without an answer that the directory had accepted all the same: their recipient got them. */
    long unansweredButDelivered() {
        return tally.sendsUnanswered.stream().filter(tally.delivered::contains).count();
    }

    /** Sends refused by the directory that arrived anyway: must be 0. */
    long refusedButDelivered() {
        return tally.sendsRefused.stream().filter(tally.delivered::contains).count();
    }

    long wrongAnswers() {
        return tally.total(c -> c.wrong);
    }

    /** Everything that must be 0 besides {@code lost}. */
    long integrityFailures() {
        return tally.misdelivered.sum() + tally.rejected.sum() + tally.foreign.sum() + wrongAnswers()
                + mailbox.unreadable() + refusedButDelivered();
    }

    double throughput() {
        return loadNanos == 0 ? 0 : issued() / (loadNanos / 1e9);
    }

    /** 0 all well; 1 something lost or wrong; 3 the time ran out before every request was made. */
    int exitCode() {
        if (lost() != 0 || integrityFailures() != 0) {
            return 1;
        }
        return complete ? 0 : 3;
    }

    String text() {
        StringBuilder b = new StringBuilder();
        Soak.Settings s = settings;
        line(b, "nymdir soak: %d requests from %d users through the local mixnet (%d ms + ~%d ms jitter per hop,"
                        + " loss %s, seed %d)", s.requests(), s.users(), s.latency().toMillis(), s.jitter().toMillis(),
                loss(s.loss()), s.seed());
        line(b, "  rate limits %s; reply timeout %d s; set-up with loss off: %d users registered, %d warm-up"
                        + " messages received and acked", Soak.describe(s.limits()), s.replyTimeout().toSeconds(),
                s.users(), warmupMessages);
        line(b, "");
        line(b, "  requests   %8d of %d in %.1f s (%.0f/s)%s", issued(), s.requests(), loadNanos / 1e9, throughput(),
                complete ? "" : "  STOPPED at the time limit");
        for (Tally.Op op : Tally.Op.values()) {
            Tally.OpCounts c = tally.op(op);
            line(b, "    %-34s %7d  ok %7d  refused %5d  unanswered %5d  wrong %d", op.label, c.issued.sum(),
                    c.ok.sum(), c.refused.sum(), c.unanswered.sum(), c.wrong.sum());
        }
        line(b, "  unanswered %8d  request or answer lost in the mixnet (expected with loss; not a directory fault)",
                unanswered());
        line(b, "  refused    %8d%s", refused(), refused() == 0 ? "" : "  by reason " + tally.refusals());
        line(b, "");
        line(b, "  accepted   %8d  sends answered \"success\"", accepted());
        line(b, "  delivered  %8d  of them received by their recipient (deduplicated by text)", delivered());
        line(b, "  stored     %8d  of them still in the mailbox, never received", stored());
        line(b, "  expired    %8d  the directory's count of expired messages", expired);
        line(b, "  lost       %8d  = accepted - delivered - stored - expired", lost());
        line(b, "");
        line(b, "  unanswered sends %d: %d accepted all the same and received, %d still in the mailbox, the rest"
                        + " never reached the directory", tally.sendsUnanswered.size(), unansweredButDelivered(),
                mailbox.storedUnconfirmed());
        line(b, "  recovery   %d drain rounds (reconnect + login) in %.1f s; %d messages came again to a new client"
                        + " run (shown once)", drainRounds, drainNanos / 1e9, tally.redelivered.sum());
        line(b, "  mailbox    %d messages at the end (%d received, ack not arrived; %d never received)",
                mailbox.rows(), mailbox.storedDelivered(), mailbox.storedUndelivered() + mailbox.storedUnconfirmed());
        line(b, "  checks     %d misdelivered, %d refused by a client, %d unknown texts, %d wrong answers, %d refused"
                        + " yet delivered, %d unreadable mailbox rows; %d bad requests not answerable (not JSON)",
                tally.misdelivered.sum(), tally.rejected.sum(), tally.foreign.sum(), wrongAnswers(),
                refusedButDelivered(), mailbox.unreadable(), tally.unanswerable.sum());
        for (Map.Entry<String, Long> e : tally.wrongAnswers().entrySet()) {
            line(b, "    wrong: %s (%d)", e.getKey(), e.getValue());
        }
        line(b, "  %s", sim.summary());
        line(b, "  total %.1f s; %s", totalNanos / 1e9, verdict());
        return b.toString();
    }

    String verdict() {
        return switch (exitCode()) {
            case 0 -> "PASS: nothing lost";
            case 3 -> "INCOMPLETE: nothing lost, but the time limit came before every request was made";
            default -> "FAIL: " + (lost() != 0 ? lost() + " accepted messages lost" : "")
                    + (lost() != 0 && integrityFailures() != 0 ? ", " : "")
                    + (integrityFailures() != 0 ? integrityFailures() + " integrity failures" : "");
        };
    }

    ObjectNode json(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        Soak.Settings s = settings;
        o.put("requests", s.requests());
        o.put("issued", issued());
        o.put("complete", complete);
        o.put("accepted", accepted());
        o.put("delivered", delivered());
        o.put("stored", stored());
        o.put("expired", expired);
        o.put("lost", lost());
        o.put("unanswered", unanswered());
        o.put("refused", refused());
        o.set("refusals", mapper.valueToTree(tally.refusals()));
        o.put("integrityFailures", integrityFailures());
        o.put("exitCode", exitCode());
        o.put("verdict", verdict());
        o.put("loadSeconds", round(loadNanos / 1e9));
        o.put("drainSeconds", round(drainNanos / 1e9));
        o.put("totalSeconds", round(totalNanos / 1e9));
        o.put("requestsPerSecond", round(throughput()));
        ObjectNode ops = o.putObject("operations");
        for (Tally.Op op : Tally.Op.values()) {
            Tally.OpCounts c = tally.op(op);
            ObjectNode n = ops.putObject(op.name().toLowerCase(Locale.ROOT));
            n.put("issued", c.issued.sum());
            n.put("ok", c.ok.sum());
            n.put("refused", c.refused.sum());
            n.put("unanswered", c.unanswered.sum());
            n.put("wrong", c.wrong.sum());
        }
        ObjectNode sends = o.putObject("sends");
        sends.put("unanswered", tally.sendsUnanswered.size());
        sends.put("unansweredButDelivered", unansweredButDelivered());
        sends.put("refusedButDelivered", refusedButDelivered());
        sends.put("redelivered", tally.redelivered.sum());
        ObjectNode box = o.putObject("mailbox");
        box.put("rows", mailbox.rows());
        box.put("storedUndelivered", mailbox.storedUndelivered());
        box.put("storedDelivered", mailbox.storedDelivered());
        box.put("storedUnconfirmed", mailbox.storedUnconfirmed());
        box.put("unreadable", mailbox.unreadable());
        box.put("sizeAtStop", mailboxAtStop);
        ObjectNode checks = o.putObject("checks");
        checks.put("misdelivered", tally.misdelivered.sum());
        checks.put("rejectedByClient", tally.rejected.sum());
        checks.put("foreign", tally.foreign.sum());
        checks.put("wrongAnswers", wrongAnswers());
        checks.set("wrongAnswerKinds", mapper.valueToTree(tally.wrongAnswers()));
        checks.put("unanswerableBadRequests", tally.unanswerable.sum());
        checks.put("linkFailures", tally.linkFailures.sum());
        o.put("drainRounds", drainRounds);
        ObjectNode cfg = o.putObject("settings");
        cfg.put("users", s.users());
        cfg.put("latencyMs", s.latency().toMillis());
        cfg.put("jitterMs", s.jitter().toMillis());
        cfg.put("loss", s.loss());
        cfg.put("seed", s.seed());
        cfg.put("maxMinutes", round(s.maxTime().toSeconds() / 60.0));
        cfg.put("replyTimeoutSeconds", s.replyTimeout().toSeconds());
        cfg.put("limits", s.limits().name().toLowerCase(Locale.ROOT));
        cfg.put("badClients", s.badClients());
        cfg.put("warmupMessages", warmupMessages);
        o.set("sim", mapper.valueToTree(sim));
        o.put("simSummary", sim.summary());
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String loss(double p) {
        return String.format(Locale.ROOT, "%s", p);
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
