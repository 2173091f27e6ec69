-- Users an operator blocked (`nymdir admin user block NAME`): they can neither log in, send nor receive.
-- A table of its own: the original's users table stays as the original reads it.
CREATE TABLE blocked (
    username TEXT PRIMARY KEY,
    blockedAt INTEGER NOT NULL
) WITHOUT ROWID;
