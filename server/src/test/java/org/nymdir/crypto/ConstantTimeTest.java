package org.nymdir.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {
    @Test
    void comparesContentsAndHandlesNull() {
        assertThat(ConstantTime.equals("a1b2", "a1b2")).isTrue();
        assertThat(ConstantTime.equals("a1b2", "a1b3")).isFalse();
        assertThat(ConstantTime.equals("a1b2", "a1b")).isFalse();
        assertThat(ConstantTime.equals((String) null, null)).isTrue();
        assertThat(ConstantTime.equals("x", null)).isFalse();
        assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
        assertThat(ConstantTime.equals((byte[]) null, new byte[0])).isFalse();
    }
}
