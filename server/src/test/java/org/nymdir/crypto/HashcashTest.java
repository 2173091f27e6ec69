package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HashcashTest {
    private static final String NONCE = "00112233445566778899aabbccddeeff";

    @Test
    void aSolutionSolvesItsChallengeAtItsBitsAndNoOtherChallenge() {
        String solution = Hashcash.solve(NONCE, 12);
        assertThat(Hashcash.solves(NONCE, solution, 12)).isTrue();
        assertThat(Hashcash.solves("ffeeddccbbaa99887766554433221100", solution, 12)).isFalse();
    }

    @Test
    void aSolutionIsWorthNoMoreBitsThanItsHashHas() {
        String solution = Hashcash.solve(NONCE, 8);
        int bits = 8;
        while (Hashcash.solves(NONCE, solution, bits + 1)) {
            bits++;
        }
        assertThat(Hashcash.solves(NONCE, solution, bits + 1)).isFalse();
        assertThat(Hashcash.solves(NONCE, solution, bits)).isTrue();
    }

    @Test
    void malformedSolutionsSolveNothing() {
        for (String bad : new String[] {null, "", "G", "00000000000000000", "AB", " 1", "1\n"}) {
            assertThat(Hashcash.solves(NONCE, bad, 1)).as(String.valueOf(bad)).isFalse();
        }
        assertThat(Hashcash.solves(NONCE, null, 0)).as("no puzzle, nothing to solve").isTrue();
    }

    @Test
    void leadingZeroBitsCountsAcrossBytes() {
        assertThat(Hashcash.leadingZeroBits(new byte[] {0, 0, 0x10})).isEqualTo(19);
        assertThat(Hashcash.leadingZeroBits(new byte[] {(byte) 0x80})).isZero();
        assertThat(Hashcash.leadingZeroBits(new byte[] {0, 0})).isEqualTo(16);
    }

    @Test
    void impossibleDifficultiesAreRefused() {
        assertThatThrownBy(() -> Hashcash.solve(NONCE, Hashcash.MAX_BITS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
