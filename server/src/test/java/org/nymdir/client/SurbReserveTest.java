package org.nymdir.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.testing.LocalDirectoryExtension;

/**
 * A nym-client keeps 10 of a sender's SURBs in reserve (reference C.3): with nymCHAT's 10 per request, the
 * directory's very first reply waits while it asks us for more. Our first request carries a few extra.
 * A fresh mixnet per test, so its counters show only this test's traffic.
 */
class SurbReserveTest {
    @RegisterExtension
    final LocalDirectoryExtension env = LocalDirectoryExtension.builder().build();

    @Test
    void theFirstReplyLeavesAtOnceWithOurDefaults() throws Exception {
        NymdirClient alice = env.client(UserIdentity.generate("alice", new SecureRandom()), env.clientConfig());
        alice.register();
        alice.login();
        alice.lookup("alice");
        assertThat(env.sim().stats().surbRequests()).isZero();
        assertThat(env.sim().stats().repliesDroppedNoSurbs()).isZero();
    }

    @Test
    void withTenEachTheFirstReplyWaitsForATopUpButArrives() throws Exception {
        NymdirClient alice = env.client(UserIdentity.generate("alice", new SecureRandom()),
                env.clientConfig().withReplySurbs(10, 10));
        alice.register();
        alice.login();
        assertThat(env.sim().stats().surbRequests()).isEqualTo(1);
        assertThat(env.sim().stats().surbsToppedUp()).isPositive();
    }
}
