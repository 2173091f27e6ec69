package org.nymdir.store.postgres;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A directory node's id ({@code NYMDIR_NODE_ID}): which nym-client a stored sender tag belongs to. Short,
 * printable and safe in logs and SQL: 1..64 of {@code [A-Za-z0-9_.-]}.
 */
public final class NodeId {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private NodeId() {
    }

    /** {@code id} when it has the shape of a node id; IllegalArgumentException otherwise. */
    public static String require(String id) {
        Objects.requireNonNull(id, "nodeId");
        if (!SHAPE.matcher(id).matches()) {
            throw new IllegalArgumentException("a node id is 1-64 of [A-Za-z0-9_.-]");
        }
        return id;
    }

    /** A fresh id that no other node has: {@code node-} and 8 random bytes in hex. */
    public static String random() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return "node-" + HexFormat.of().formatHex(b);
    }
}
