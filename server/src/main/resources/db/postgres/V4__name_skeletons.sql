-- Look-alike names and quarantined names (issue 11); see db/sqlite/V5__name_skeletons.sql for the rules.
-- Skeletons are bytes like every text here, and indexed by their SHA-256 (a whole one may exceed a btree entry).
CREATE TABLE name_skeleton (
    username bytea NOT NULL,
    name_key bytea GENERATED ALWAYS AS (sha256(username)) STORED PRIMARY KEY,
    skeleton bytea NOT NULL,
    skeleton_key bytea GENERATED ALWAYS AS (sha256(skeleton)) STORED,
    claim boolean NOT NULL,
    held_until bigint
);
CREATE UNIQUE INDEX name_skeleton_claim ON name_skeleton (skeleton_key) WHERE claim;
CREATE INDEX name_skeleton_by_skeleton ON name_skeleton (skeleton_key, claim);
CREATE INDEX name_skeleton_held ON name_skeleton (held_until) WHERE held_until IS NOT NULL;
