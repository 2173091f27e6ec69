package org.nymdir.directory.limits;

/**
 * What is rate limited, with defaults generous for people and tight for scripts. Each limit is a token
 * bucket: {@code burst} requests at once, refilled at {@code perMinute}. Counted per sender tag, and for
 * register, login and send also per username (a new client run gets a new tag, but not a new name), charged
 * only where the name's owner cannot be the loser: register and login per name for each failed proof, send
 * per verified sender. Tags are free (every nym-client run has new ones), so two costs do not come from tags:
 * {@link #REGISTER_NODE} and {@link #LOOKUP_ANONYMOUS} are node-wide budgets of those who show no proof.
 */
public enum Limit {
    /** register requests (per tag), and failed registration proofs (per username). */
    REGISTER(10, 20),
    /** login requests (per tag), and failed login proofs (per username). */
    LOGIN(10, 30),
    /** registrationResponse and loginResponse; rotateKey and deleteAccount (signed proofs too). */
    CHALLENGE_RESPONSE(10, 30),
    /** query requests (per tag; and per user when the tag proved a name). */
    LOOKUP(60, 600),
    /** send requests (per tag, and per verified sender). */
    SEND(120, 1200),
    /** ack requests, one token per id named (at least one). */
    ACK(600, 3000),
    /** unimplemented and unknown actions. */
    OTHER(10, 60),
    /** registrations without a solved puzzle (v1 clients), node-wide: all of them share one bucket. */
    REGISTER_NODE(60, 60),
    /** query requests from tags on which nobody proved a name in this run, node-wide. */
    LOOKUP_ANONYMOUS(600, 600);

    private final Rate defaultRate;

    Limit(int burst, int perMinute) {
        this.defaultRate = new Rate(burst, perMinute);
    }

    public Rate defaultRate() {
        return defaultRate;
    }

    /** The name of its setting: {@code NYMDIR_LIMIT_SEND} and so on. */
    public String settingName() {
        return "NYMDIR_LIMIT_" + name();
    }
}
