package org.nymdir.mixnet.addressing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Nym addresses against the vector of {@code nym-client-websocket.md} section D (from nym-client's tests). */
class NymAddressTest {
    static final String TEXT = "CytBseW6yFXUMzz4SGAKdNLGR7q3sJLLYxyBGvutNEQV."
            + "4QXYyEVc5fUDjmmi8PrHN9tdUFV4PCvSJE1278cHyvoe@4sBbL1ngf1vtNqykydQKTFh26sQCw888GpUqvPvyNB4f";
    // the base58 of each part, decoded independently of Base58 (big-integer arithmetic)
    static final String IDENTITY = "b202f5983ab6ad7e78b5237d005ff4887689be9a2341179b05d382cf80f1dade";
    static final String ENCRYPTION = "3299f6b78e8a0bce4daa9fcca3f93204da56a5d5132ee4d484cec3c9927cb965";
    static final String GATEWAY = "396e13d61e2bc32b6353a31da0c34dcc1545f93bab112ce63d9a2c1d0327a724";
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theReferenceAddressParsesIntoItsThreeKeys() {
        NymAddress a = NymAddress.parse(TEXT);
        assertThat(HEX.formatHex(a.identity())).isEqualTo(IDENTITY);
        assertThat(HEX.formatHex(a.encryption())).isEqualTo(ENCRYPTION);
        assertThat(HEX.formatHex(a.gateway())).isEqualTo(GATEWAY);
        assertThat(a.text()).isEqualTo(TEXT);
        assertThat(a).hasToString(TEXT);
    }

    @Test
    void binaryFormIsTheKeysInOrder() {
        byte[] binary = NymAddress.parse(TEXT).toBytes();
        assertThat(HEX.formatHex(binary)).isEqualTo(IDENTITY + ENCRYPTION + GATEWAY);
        assertThat(NymAddress.fromBytes(binary)).isEqualTo(NymAddress.parse(TEXT));
        assertThatThrownBy(() -> NymAddress.fromBytes(new byte[95])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedAddressesGetNymClientsTexts() {
        String parts = "recipient is malformed - the string address does not contain exactly a single ";
        assertThatThrownBy(() -> NymAddress.parse(TEXT.replace("@", "."))).hasMessage(parts + "'@' character ");
        assertThatThrownBy(() -> NymAddress.parse(TEXT + "@x")).hasMessage(parts + "'@' character ");
        assertThatThrownBy(() -> NymAddress.parse(TEXT.replace(".", ""))).hasMessage(parts + "'.' character ");
        String[] p = TEXT.split("[.@]");
        assertThatThrownBy(() -> NymAddress.parse("2g." + p[1] + "@" + p[2]))
                .hasMessage("recipient's identity key is malformed: invalid key length 1, expected 32");
        assertThatThrownBy(() -> NymAddress.parse(p[0] + ".0" + p[1] + "@" + p[2]))
                .hasMessageStartingWith("recipient's encryption key is malformed: provided string contained invalid");
        assertThatThrownBy(() -> NymAddress.parse(p[0] + "." + p[1] + "@" + p[2] + "1"))
                .hasMessage("recipient gateway's identity key is malformed: invalid key length 33, expected 32");
    }

    @Test
    void holdsItsOwnCopyOfTheKeys() {
        NymAddress a = NymAddress.parse(TEXT);
        a.identity()[0] = 0;
        a.toBytes()[0] = 0;
        assertThat(a.text()).isEqualTo(TEXT);
    }
}
