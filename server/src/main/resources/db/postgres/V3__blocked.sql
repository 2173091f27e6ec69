-- Users an operator blocked (`nymdir admin user block NAME`): they can neither log in, send nor receive.
-- Every node reads this table (at start and every 30 s), so a block reaches the nodes it was not made at.
CREATE TABLE blocked (
    username bytea NOT NULL,
    name_key bytea GENERATED ALWAYS AS (sha256(username)) STORED PRIMARY KEY,
    blocked_at bigint NOT NULL
);
