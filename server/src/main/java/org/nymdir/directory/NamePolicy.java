package org.nymdir.directory;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.nymdir.crypto.Hashcash;

/**
 * How names are claimed, kept and given up (issue 11), beside the rate limits of {@code limits}.
 *
 * @param workBits       difficulty of the registration puzzle at rest ({@link Hashcash}); 0: no puzzle, so every
 *                       registration draws on the node's {@code REGISTER_NODE} budget
 * @param maxWorkBits    the ceiling the difficulty rises to under load ({@link WorkDifficulty})
 * @param quarantine     how long a deleted (or expired) account's name, and every look-alike, stays unclaimable
 * @param expiry         names whose user was not seen for this long are deleted (as by their owner); empty: never
 * @param hideMembership answer for unknown names as for known ones (see Decoys), opt-in
 */
public record NamePolicy(int workBits, int maxWorkBits, Duration quarantine, Optional<Duration> expiry,
                         boolean hideMembership) {
    /**
     * 16 bits: about 65,000 hashes. Measured through the CLI on this project's shared 2-core machine (README,
     * Names): a cold JVM solves 20 bits in 0.36-0.79 s, too close to a second for a registration, so 16 (some
     * 50 ms there, a few ms in a warm JVM). The puzzle prices bulk squatting, not one name; under load each
     * doubling of the rate adds a bit, up to 24 (256 times the work).
     */
    public static final int DEFAULT_WORK_BITS = 16;
    public static final int DEFAULT_MAX_WORK_BITS = 24;
    public static final Duration DEFAULT_QUARANTINE = Duration.ofDays(30);

    public NamePolicy {
        Objects.requireNonNull(quarantine, "quarantine");
        Objects.requireNonNull(expiry, "expiry");
        if (workBits < 0 || maxWorkBits < workBits || maxWorkBits > Hashcash.MAX_BITS) {
            throw new IllegalArgumentException("work bits must satisfy 0 <= bits <= max <= " + Hashcash.MAX_BITS);
        }
        if (quarantine.isNegative() || expiry.filter(e -> !e.isPositive()).isPresent()) {
            throw new IllegalArgumentException("quarantine must not be negative, an expiry must be positive");
        }
    }

    public static NamePolicy defaults() {
        return new NamePolicy(DEFAULT_WORK_BITS, DEFAULT_MAX_WORK_BITS, DEFAULT_QUARANTINE, Optional.empty(), false);
    }

    public NamePolicy withWork(int bits, int maxBits) {
        return new NamePolicy(bits, maxBits, quarantine, expiry, hideMembership);
    }

    public NamePolicy withQuarantine(Duration value) {
        return new NamePolicy(workBits, maxWorkBits, value, expiry, hideMembership);
    }

    public NamePolicy withExpiry(Optional<Duration> value) {
        return new NamePolicy(workBits, maxWorkBits, quarantine, value, hideMembership);
    }

    public NamePolicy withHideMembership(boolean value) {
        return new NamePolicy(workBits, maxWorkBits, quarantine, expiry, value);
    }
}
