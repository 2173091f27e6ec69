package org.nymdir.directory.limits;

/**
 * What is rate limited, with defaults generous for people and tight for scripts. Each limit is a token
 * bucket: {@code burst} requests at once, refilled at {@code perMinute}. Counted per sender tag, and for
 * register, login and send also per username (a new client run gets a new tag, but not a new name): register
 * and login per valid username asked for, send per verified sender. A request must pass both.
 */
public enum Limit {
    /** register requests (per tag, and per username asked for). */
    REGISTER(10, 20),
    /** login requests (per tag, and per username asked for). */
    LOGIN(10, 30),
    /** registrationResponse and loginResponse. */
    CHALLENGE_RESPONSE(10, 30),
    /** query requests. */
    LOOKUP(60, 600),
    /** send requests (per tag, and per verified sender). */
    SEND(120, 1200),
    /** ack requests. */
    ACK(120, 1200);

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
