-- The original nymCHAT server's tables, with its names and columns (server/src/dbUtils.py,
-- DbUtils._initializeTables). On a database made by the original both already exist and nothing changes.
-- groups is unused by nymdir; it is created so that a fresh file is also what the original expects.
CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY,
    publicKey TEXT NOT NULL,
    senderTag TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS groups (
    groupID TEXT PRIMARY KEY,
    userList TEXT NOT NULL
);
