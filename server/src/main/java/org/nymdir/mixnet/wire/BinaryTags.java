package org.nymdir.mixnet.wire;

/**
 * The first byte of every binary frame (reference B.1 and B.2). Requests and responses number their kinds
 * independently. One table for both directions: the client half here writes requests and reads responses, the
 * local mixnet ({@code org.nymdir.sim.wire}) reads requests and writes responses.
 */
public final class BinaryTags {
    private BinaryTags() {
    }

    /** Request tags (B.1), written by clients of a nym-client. */
    public static final class Request {
        public static final byte SEND = 0x00;
        public static final byte SEND_ANONYMOUS = 0x01;
        public static final byte REPLY = 0x02;
        public static final byte SELF_ADDRESS = 0x03;
        public static final byte CLOSED_CONNECTION = 0x04;
        public static final byte GET_LANE_QUEUE_LENGTH = 0x05;

        private Request() {
        }
    }

    /** Response tags (B.2), written by a nym-client. */
    public static final class Response {
        public static final byte ERROR = 0x00;
        public static final byte RECEIVED = 0x01;
        public static final byte SELF_ADDRESS = 0x02;
        public static final byte LANE_QUEUE_LENGTH = 0x03;

        private Response() {
        }
    }
}
