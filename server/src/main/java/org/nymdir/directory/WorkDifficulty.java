package org.nymdir.directory;

import java.time.Clock;

/**
 * The difficulty of the next registration puzzle: {@link NamePolicy#workBits} at rest, one bit more for each
 * doubling of the registration rate beyond {@link #RESTING_PER_MINUTE}, up to {@link NamePolicy#maxWorkBits}.
 * The rate is the number of puzzles issued in the current or the previous minute, whichever is higher, so a
 * burst raises the price at once and the price falls a minute after the burst ends. A raised price applies to
 * new challenges only: a solution is checked against the bits its own challenge announced.
 */
final class WorkDifficulty {
    /** Registrations a minute that cost only the resting difficulty: far above what people do on one node. */
    static final int RESTING_PER_MINUTE = 600;
    private static final long MINUTE_MILLIS = 60_000;

    private final Clock clock;
    private final int restingBits;
    private final int maxBits;
    private long minute = Long.MIN_VALUE;
    private int thisMinute;
    private int lastMinute;

    WorkDifficulty(Clock clock, NamePolicy policy) {
        this.clock = clock;
        this.restingBits = policy.workBits();
        this.maxBits = policy.maxWorkBits();
    }

    /** Counts one more puzzle issued and returns its difficulty (0 when puzzles are off). */
    synchronized int next() {
        if (restingBits == 0) {
            return 0;
        }
        long now = clock.millis() / MINUTE_MILLIS;
        if (now != minute) {
            lastMinute = now == minute + 1 ? thisMinute : 0;
            thisMinute = 0;
            minute = now;
        }
        thisMinute++;
        int rate = Math.max(thisMinute, lastMinute);
        if (rate <= RESTING_PER_MINUTE) {
            return restingBits;
        }
        int doublings = 31 - Integer.numberOfLeadingZeros(rate / RESTING_PER_MINUTE); // floor(log2(rate / resting))
        return Math.min(maxBits, restingBits + 1 + doublings);
    }
}
