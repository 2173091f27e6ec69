package org.nymdir.directory.limits;

/**
 * A token bucket's shape: {@code burst} tokens at most, {@code perMinute} added per minute. Written
 * {@code BURST/PER_MINUTE} in settings, e.g. {@code 120/1200}.
 */
public record Rate(int burst, int perMinute) {
    public Rate {
        if (burst < 1 || perMinute < 1) {
            throw new IllegalArgumentException("a rate needs a burst and a refill of at least 1");
        }
    }

    public static Rate parse(String text) {
        String[] parts = text.strip().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a rate is written BURST/PER_MINUTE, e.g. 120/1200");
        }
        return new Rate(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    }

    @Override
    public String toString() {
        return burst + "/" + perMinute;
    }
}
