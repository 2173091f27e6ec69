-- Storage quotas (issue 10). What each waiting message counts against the byte quotas, whether it came from
-- a stranger to its recipient, running totals kept by triggers so that a quota check reads one row instead of
-- summing a mailbox, and who has written to whom as opaque keys.

ALTER TABLE mailbox ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mailbox ADD COLUMN stranger INTEGER NOT NULL DEFAULT 0 CHECK (stranger IN (0, 1));
-- messages stored before this step: their texts and names plus the per-row overhead (MailboxMessage)
UPDATE mailbox SET bytes = length(CAST(body AS BLOB)) + coalesce(length(CAST(senderPublicKey AS BLOB)), 0)
    + length(CAST(recipient AS BLOB)) + length(CAST(sender AS BLOB)) + 160;

-- One row per owner of waiting mail: '*' the whole mailbox, 'r:NAME' a recipient, 's:NAME' a sender, 'x:NAME'
-- the strangers of a recipient. A row goes when its last message does.
CREATE TABLE mailbox_usage (
    owner TEXT PRIMARY KEY,
    messages INTEGER NOT NULL,
    bytes INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO mailbox_usage (owner, messages, bytes)
    SELECT '*', COUNT(*), SUM(bytes) FROM mailbox HAVING COUNT(*) > 0;
INSERT INTO mailbox_usage (owner, messages, bytes)
    SELECT 'r:' || recipient, COUNT(*), SUM(bytes) FROM mailbox GROUP BY recipient;
INSERT INTO mailbox_usage (owner, messages, bytes)
    SELECT 's:' || sender, COUNT(*), SUM(bytes) FROM mailbox GROUP BY sender;

CREATE TRIGGER mailbox_usage_insert AFTER INSERT ON mailbox BEGIN
    INSERT INTO mailbox_usage (owner, messages, bytes)
        SELECT '*', 1, NEW.bytes
        UNION ALL SELECT 'r:' || NEW.recipient, 1, NEW.bytes
        UNION ALL SELECT 's:' || NEW.sender, 1, NEW.bytes
        UNION ALL SELECT 'x:' || NEW.recipient, 1, NEW.bytes WHERE NEW.stranger = 1
        ON CONFLICT (owner) DO UPDATE SET messages = messages + 1, bytes = bytes + excluded.bytes;
END;

CREATE TRIGGER mailbox_usage_delete AFTER DELETE ON mailbox BEGIN
    UPDATE mailbox_usage SET messages = messages - 1, bytes = bytes - OLD.bytes
        WHERE owner IN ('*', 'r:' || OLD.recipient, 's:' || OLD.sender)
           OR (OLD.stranger = 1 AND owner = 'x:' || OLD.recipient);
    DELETE FROM mailbox_usage
        WHERE messages <= 0 AND owner IN ('*', 'r:' || OLD.recipient, 's:' || OLD.sender, 'x:' || OLD.recipient);
END;

-- "The sender has written to the recipient": a keyed digest of the two names (never the names), renewed by
-- every stored send, forgotten when it expires.
CREATE TABLE mailbox_correspondence (
    writeKey BLOB PRIMARY KEY,
    expiresAt INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX mailbox_correspondence_by_expiry ON mailbox_correspondence (expiresAt);
