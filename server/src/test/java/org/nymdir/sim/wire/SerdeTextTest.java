package org.nymdir.sim.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SerdeTextTest {
    @Test
    void floatsAreFormattedLikeRyu() {
        assertThat(SerdeText.ryu(1.5)).isEqualTo("1.5");
        assertThat(SerdeText.ryu(1.0)).isEqualTo("1.0");
        assertThat(SerdeText.ryu(-0.0)).isEqualTo("-0.0");
        assertThat(SerdeText.ryu(100.0)).isEqualTo("100.0");
        assertThat(SerdeText.ryu(1e15)).isEqualTo("1000000000000000.0");
        assertThat(SerdeText.ryu(1e16)).isEqualTo("1e16");
        assertThat(SerdeText.ryu(1.8446744073709552e19)).isEqualTo("1.8446744073709552e19");
        assertThat(SerdeText.ryu(0.001234)).isEqualTo("0.001234");
        assertThat(SerdeText.ryu(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(SerdeText.ryu(123.456)).isEqualTo("123.456");
    }

    @Test
    void stringsAreQuotedLikeRustDebug() {
        assertThat(SerdeText.debugString("a\"b\\c\nd\te\u0000f\u0001é")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\0f\\u{1}é\"");
    }
}
