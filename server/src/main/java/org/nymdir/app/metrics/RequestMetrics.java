package org.nymdir.app.metrics;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.nymdir.directory.Request;

/**
 * Directory-side latency per kind of request: from the moment the link handed the message over to the moment
 * the last reply was handed back to it (queueing behind earlier requests of the same sender included).
 */
public final class RequestMetrics {
    /** What is counted separately: the kinds whose cost differs. */
    public enum Kind {
        REGISTER, REGISTRATION_RESPONSE, LOGIN, LOGIN_RESPONSE, QUERY, SEND, ACK, OTHER;

        public static Kind of(Request request) {
            return switch (request) {
                case Request.Register r -> REGISTER;
                case Request.RegistrationResponse r -> REGISTRATION_RESPONSE;
                case Request.Login r -> LOGIN;
                case Request.LoginResponse r -> LOGIN_RESPONSE;
                case Request.Query r -> QUERY;
                case Request.Send r -> SEND;
                case Request.Ack r -> ACK;
                case Request.RotateKey r -> OTHER; // rare: an account's life, not its traffic
                case Request.DeleteAccount r -> OTHER;
                case Request.Unimplemented r -> OTHER;
                case Request.Unknown r -> OTHER;
            };
        }
    }

    private final LatencyRecorder[] histograms = new LatencyRecorder[Kind.values().length];

    public RequestMetrics() {
        for (int i = 0; i < histograms.length; i++) {
            histograms[i] = new LatencyRecorder();
        }
    }

    public void record(Kind kind, long nanos) {
        histograms[kind.ordinal()].recordNanos(nanos);
    }

    public Map<Kind, Histogram> snapshot() {
        Map<Kind, Histogram> all = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            all.put(k, histograms[k.ordinal()].snapshot());
        }
        return all;
    }
}
