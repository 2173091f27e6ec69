-- Storage quotas (issue 10), as SQLite's V3: what each waiting message counts against the byte quotas,
-- whether it came from a stranger to its recipient, running totals kept by triggers so that a quota check
-- reads a few rows instead of summing a mailbox, and who has written to whom as opaque keys.
--
-- Several nodes: an enqueue locks the '*' row of mailbox_usage (FOR UPDATE) before it reads any total, and
-- holds it to its commit, so no two enqueues of any nodes check quotas at once and none can pass a quota
-- another has just filled. Every writer of mailbox_usage (these triggers) locks '*' first, so the row
-- locks are always taken in one order and never deadlock. That '*' row exists always (never deleted).

ALTER TABLE mailbox ADD COLUMN bytes bigint NOT NULL DEFAULT 0;
ALTER TABLE mailbox ADD COLUMN stranger boolean NOT NULL DEFAULT false;
-- messages stored before this step: their texts and names in UTF-8 plus the per-row overhead (MailboxMessage)
UPDATE mailbox SET bytes = length(body) + coalesce(length(sender_public_key), 0) + length(recipient)
    + length(sender) + 160;

-- One row per owner of waiting mail: kind '*' the whole mailbox (owner_key empty), 'r' a recipient, 's' a
-- sender, 'x' the strangers of a recipient, each keyed by the SHA-256 of the name (no index holds whole
-- names, see V1). A row other than '*' goes when its last message does.
CREATE TABLE mailbox_usage (
    kind "char" NOT NULL CHECK (kind IN ('*', 'r', 's', 'x')),
    owner_key bytea NOT NULL,
    messages bigint NOT NULL,
    bytes bigint NOT NULL,
    PRIMARY KEY (kind, owner_key)
);
INSERT INTO mailbox_usage (kind, owner_key, messages, bytes)
    SELECT '*', ''::bytea, count(*), coalesce(sum(bytes), 0) FROM mailbox;
INSERT INTO mailbox_usage (kind, owner_key, messages, bytes)
    SELECT 'r', recipient_key, count(*), sum(bytes) FROM mailbox GROUP BY recipient_key;
INSERT INTO mailbox_usage (kind, owner_key, messages, bytes)
    SELECT 's', sha256(sender), count(*), sum(bytes) FROM mailbox GROUP BY sha256(sender);

CREATE FUNCTION mailbox_usage_add(k "char", owner bytea, n bigint, b bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO mailbox_usage (kind, owner_key, messages, bytes) VALUES (k, owner, n, b)
        ON CONFLICT (kind, owner_key) DO UPDATE
        SET messages = mailbox_usage.messages + excluded.messages, bytes = mailbox_usage.bytes + excluded.bytes;
    DELETE FROM mailbox_usage WHERE kind = k AND owner_key = owner AND kind <> '*' AND messages <= 0;
$$;

CREATE FUNCTION mailbox_usage_track() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    m mailbox;
    sign bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        m := NEW;
        sign := 1;
    ELSE
        m := OLD;
        sign := -1;
    END IF;
    -- '*' first, always: the one lock order of every writer of mailbox_usage
    UPDATE mailbox_usage SET messages = messages + sign, bytes = bytes + sign * m.bytes WHERE kind = '*';
    PERFORM mailbox_usage_add('r', m.recipient_key, sign, sign * m.bytes);
    PERFORM mailbox_usage_add('s', sha256(m.sender), sign, sign * m.bytes);
    IF m.stranger THEN
        PERFORM mailbox_usage_add('x', m.recipient_key, sign, sign * m.bytes);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER mailbox_usage_insert AFTER INSERT ON mailbox FOR EACH ROW EXECUTE FUNCTION mailbox_usage_track();
CREATE TRIGGER mailbox_usage_delete AFTER DELETE ON mailbox FOR EACH ROW EXECUTE FUNCTION mailbox_usage_track();

-- "The sender has written to the recipient": a keyed digest of the two names (never the names), renewed by
-- every stored send, forgotten when it expires.
CREATE TABLE mailbox_correspondence (
    write_key bytea PRIMARY KEY,
    expires_at bigint NOT NULL
);
CREATE INDEX mailbox_correspondence_by_expiry ON mailbox_correspondence (expires_at);
