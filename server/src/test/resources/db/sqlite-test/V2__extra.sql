-- a second step for the tests of the mechanism: a side table keyed by username, as the rules ask
CREATE TABLE extra (
    username TEXT NOT NULL REFERENCES users (username),
    note TEXT NOT NULL
);
CREATE INDEX extra_by_username ON extra (username);
