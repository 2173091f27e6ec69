package org.nymdir.client;

import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Objects;
import org.nymdir.mixnet.addressing.NymAddress;

/**
 * How a {@link NymdirClient} talks to its directory. Immutable; start from {@link #of(NymAddress)} and
 * adjust with the {@code with…} methods.
 *
 * @param directory the directory's nym address
 * @param directoryKey the directory's public key; when set, every reply must carry its signature, otherwise
 *     replies are taken unverified (the original directory never published its key)
 * @param replyTimeout how long to wait for each reply from the directory
 * @param connectTimeout how long to wait for our own nym-client to tell our address
 * @param replySurbs reply SURBs attached to each request, as nymCHAT does (10)
 * @param firstReplySurbs SURBs attached to the first request: a nym-client keeps 10 of a sender's SURBs in
 *     reserve (reference C.3), so with only 10 the directory's first reply would wait a full round trip while
 *     it asks us for more; a few extra the first time avoid that
 * @param directSurbs SURBs attached to direct peer messages; we never answer through them (the peer knows
 *     our address from the handshake), so none by default
 */
public record ClientConfig(NymAddress directory, ECPublicKey directoryKey, Duration replyTimeout,
                           Duration connectTimeout, int replySurbs, int firstReplySurbs, int directSurbs) {
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final int NYMCHAT_REPLY_SURBS = 10;

    public ClientConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (replyTimeout.isNegative() || replyTimeout.isZero() || connectTimeout.isNegative()
                || connectTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (replySurbs < 1 || firstReplySurbs < 1 || directSurbs < 0) {
            throw new IllegalArgumentException("a request needs at least one reply SURB");
        }
    }

    /** nymCHAT's settings for this directory, replies unverified until {@link #withDirectoryKey} is used. */
    public static ClientConfig of(NymAddress directory) {
        return new ClientConfig(directory, null, DEFAULT_REPLY_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
                NYMCHAT_REPLY_SURBS, 2 * NYMCHAT_REPLY_SURBS, 0);
    }

    public ClientConfig withDirectoryKey(ECPublicKey key) {
        return new ClientConfig(directory, key, replyTimeout, connectTimeout, replySurbs, firstReplySurbs,
                directSurbs);
    }

    public ClientConfig withReplyTimeout(Duration timeout) {
        return new ClientConfig(directory, directoryKey, timeout, connectTimeout, replySurbs, firstReplySurbs,
                directSurbs);
    }

    public ClientConfig withConnectTimeout(Duration timeout) {
        return new ClientConfig(directory, directoryKey, replyTimeout, timeout, replySurbs, firstReplySurbs,
                directSurbs);
    }

    public ClientConfig withReplySurbs(int each, int first) {
        return new ClientConfig(directory, directoryKey, replyTimeout, connectTimeout, each, first, directSurbs);
    }

    public ClientConfig withDirectSurbs(int surbs) {
        return new ClientConfig(directory, directoryKey, replyTimeout, connectTimeout, replySurbs,
                firstReplySurbs, surbs);
    }
}
