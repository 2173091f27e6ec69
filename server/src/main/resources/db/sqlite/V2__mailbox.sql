-- Durable relay (issue 5). New tables only: the original's users table is read by position (SELECT *) and
-- must stay as it is. Names are usernames, not foreign keys: the mailbox works without the user store, and
-- an operator who edits users by hand cannot make a mailbox write fail. Instants are epoch milliseconds.

-- Accepted messages until delivered or expired. seq is the insertion order (AUTOINCREMENT: never reused,
-- so it stays increasing even after the newest rows were deleted) and breaks ties of acceptedAt.
CREATE TABLE mailbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    sender TEXT NOT NULL,
    body TEXT NOT NULL,
    senderPublicKey TEXT,
    acceptedAt INTEGER NOT NULL,
    expiresAt INTEGER NOT NULL
);
-- a recipient's backlog in delivery order, its count, and the distinct recipients
CREATE INDEX mailbox_by_recipient ON mailbox (recipient, acceptedAt, seq);
CREATE INDEX mailbox_by_expiry ON mailbox (expiresAt);

-- SHA-256 of each accepted send's signature, kept as long as its message could live (also once delivered)
CREATE TABLE mailbox_replay (
    replayKey BLOB PRIMARY KEY,
    expiresAt INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX mailbox_replay_by_expiry ON mailbox_replay (expiresAt);

-- Per user: when their current sender tag was last seen (NULL: never), and whether they ack deliveries
CREATE TABLE presence (
    username TEXT PRIMARY KEY,
    lastSeen INTEGER,
    acking INTEGER NOT NULL DEFAULT 0 CHECK (acking IN (0, 1))
) WITHOUT ROWID;
