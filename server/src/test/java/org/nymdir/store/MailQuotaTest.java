package org.nymdir.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sender quota's shrinking under pressure, as a function of what the whole mailbox holds. */
class MailQuotaTest {

    private static final MailQuota QUOTA = new MailQuota(1000, MailQuota.UNBOUNDED, 25, 64_000, 1_000_000);

    @Test
    void theWholeSenderQuotaUpToHalfTheCap() {
        assertThat(QUOTA.senderBytesWhile(0)).isEqualTo(64_000);
        assertThat(QUOTA.senderBytesWhile(500_000)).isEqualTo(64_000);
    }

    @Test
    void thenInProportionToTheRoomLeft() {
        assertThat(QUOTA.senderBytesWhile(750_000)).isEqualTo(32_000);
        assertThat(QUOTA.senderBytesWhile(900_000)).isEqualTo(12_800);
        assertThat(QUOTA.senderBytesWhile(1_000_000)).isZero();
    }

    @Test
    void withoutACapNothingShrinks() {
        MailQuota uncapped = MailQuota.messagesOnly(10);
        assertThat(uncapped.senderBytesWhile(Long.MAX_VALUE / 8)).isEqualTo(MailQuota.UNBOUNDED);
    }
}
