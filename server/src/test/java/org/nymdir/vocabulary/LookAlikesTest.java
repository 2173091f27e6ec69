package org.nymdir.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class LookAlikesTest {
    @Test
    void theIssuesFourAlicesAreOne() {
        assertThat(LookAlikes.skeleton("Alice")).isEqualTo("allce");
        for (String a : new String[] {"alice", "aIice", "a1ice", "ALICE", "AL1CE", "alIce", "aLice"}) {
            assertThat(LookAlikes.lookAlike("Alice", a)).as(a).isTrue();
        }
    }

    @Test
    void zeroAndOhAndMAndRnAreOne() {
        assertThat(LookAlikes.lookAlike("b0b", "BOB")).isTrue();
        assertThat(LookAlikes.lookAlike("mallory", "rnallory")).isTrue();
        assertThat(LookAlikes.lookAlike("MALLORY", "rNa11ory")).isTrue();
    }

    @Test
    void everythingElseStaysApart() {
        assertThat(LookAlikes.lookAlike("alice_", "alice-")).isFalse();
        assertThat(LookAlikes.lookAlike("bob", "bop")).isFalse();
        assertThat(LookAlikes.lookAlike("a8", "aB")).isFalse();
        assertThat(LookAlikes.skeleton("ü✓")).as("characters outside the alphabet are kept").isEqualTo("ü✓");
    }

    @Property
    void aSkeletonIsItsOwnSkeletonAndCaseBlind(@ForAll @StringLength(max = 64)
            @Chars({'a', 'b', 'i', 'I', 'l', 'L', '1', 'o', 'O', '0', 'm', 'M', 'r', 'n', '_', '-'}) String name) {
        String s = LookAlikes.skeleton(name);
        assertThat(LookAlikes.skeleton(s)).isEqualTo(s);
        assertThat(LookAlikes.skeleton(name.toUpperCase(Locale.ROOT))).isEqualTo(s);
    }
}
