-- Look-alike names and quarantined names (issue 11). A new table, not a column of users: the original reads
-- users by position (SELECT *), and an operator may go back to it.
--
-- One row per name: its skeleton (vocabulary.LookAlikes: case folded, I/l/1 and O/0 as one, m as rn), and
-- whether the row claims the skeleton. The unique index allows one claim per skeleton, so of two look-alike
-- registrations, even racing ones, one wins. Rows are filled in by the store when it opens (the skeleton is
-- computed in Java, not SQL): the first name of each skeleton claims it, and a look-alike pair the original
-- let in keeps working as it is, its later names stored with claim = 0 (they hold no claim, nothing new can
-- join them). A deleted account's row stays, without its users row, until heldUntil (epoch ms): the
-- quarantine in which nobody can take the name or a look-alike.
CREATE TABLE name_skeleton (
    username TEXT PRIMARY KEY,
    skeleton TEXT NOT NULL,
    claim INTEGER NOT NULL CHECK (claim IN (0, 1)),
    heldUntil INTEGER
) WITHOUT ROWID;
CREATE UNIQUE INDEX name_skeleton_claim ON name_skeleton (skeleton) WHERE claim = 1;
CREATE INDEX name_skeleton_by_skeleton ON name_skeleton (skeleton, claim);
CREATE INDEX name_skeleton_held ON name_skeleton (heldUntil) WHERE heldUntil IS NOT NULL;
