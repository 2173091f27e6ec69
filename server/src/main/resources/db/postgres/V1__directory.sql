-- nymdir on PostgreSQL: users, the durable mailbox with its replay keys, presence, and what several nodes
-- on one database share (their heartbeats, cross-node wake-ups).
--
-- Texts are UTF-8 bytes (bytea), not text: PostgreSQL text cannot hold U+0000, and compares by collation,
-- while the stores promise that any well-formed string round-trips and that names compare exactly, in
-- code point order (memcmp of UTF-8), like SQLite's BINARY. To read them in psql: convert_from(col, 'UTF8').
-- A btree entry holds at most ~2.7 kB, less than the longest name or key a store accepts, so names are
-- looked up by their SHA-256 (name_key, a generated column), never indexed whole. Instants are epoch ms.

-- The directory: a name bound to a key, and the sender tag of the user's last message, which only the
-- nym-client of node_id can answer (a tag is a handle on reply SURBs held by that client).
CREATE TABLE users (
    username bytea NOT NULL,
    name_key bytea GENERATED ALWAYS AS (sha256(username)) STORED PRIMARY KEY,
    public_key bytea NOT NULL,
    sender_tag bytea NOT NULL,
    node_id text NOT NULL
);
CREATE INDEX users_by_node ON users (node_id);

-- Accepted messages until delivered or expired; seq is the insertion order and breaks ties of accepted_at.
CREATE TABLE mailbox (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,
    recipient bytea NOT NULL,
    recipient_key bytea GENERATED ALWAYS AS (sha256(recipient)) STORED,
    sender bytea NOT NULL,
    body bytea NOT NULL,
    sender_public_key bytea,
    accepted_at bigint NOT NULL,
    expires_at bigint NOT NULL
);
CREATE INDEX mailbox_by_recipient ON mailbox (recipient_key, accepted_at, seq);
CREATE INDEX mailbox_by_expiry ON mailbox (expires_at);

-- SHA-256 of each accepted send's sender and content, kept as long as its message could live: shared by
-- every node, so a replay is refused whichever node it reaches.
CREATE TABLE mailbox_replay (
    replay_key bytea PRIMARY KEY,
    expires_at bigint NOT NULL
);
CREATE INDEX mailbox_replay_by_expiry ON mailbox_replay (expires_at);

-- Per user: when their current sender tag was last seen (NULL: never), and whether they ack deliveries.
CREATE TABLE presence (
    username bytea NOT NULL,
    name_key bytea GENERATED ALWAYS AS (sha256(username)) STORED PRIMARY KEY,
    last_seen bigint,
    acking boolean NOT NULL DEFAULT false
);

-- Mail committed at one node for a user homed at another: a durable "look at this recipient's mailbox",
-- written in the transaction of the enqueue and claimed by the home node (FOR UPDATE SKIP LOCKED). The
-- message itself stays in mailbox until delivered, so a claimed and lost wake-up loses no mail.
CREATE TABLE relay_wakeup (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    node_id text NOT NULL,
    recipient bytea NOT NULL
);
CREATE INDEX relay_wakeup_by_node ON relay_wakeup (node_id, seq);

-- Every node that ran on this database, and its liveness: heartbeat_at moves every few seconds while the
-- node runs (SELECT node_id, heartbeat_at FROM nodes).
CREATE TABLE nodes (
    node_id text PRIMARY KEY,
    nym_address text,
    started_at bigint NOT NULL,
    heartbeat_at bigint NOT NULL,
    stopped_at bigint
);
