-- Migration number: 0002 	 share expiry, per-client quotas, no replacing
-- Shares now expire (expires_at, RFC 3339 UTC text like created_at, so that text order is time
-- order) and are counted per client (client: a keyed hash of the client's address, never the
-- address itself; "" for shares made before this migration) and by size in bytes, for the
-- limits in worker/api/limits.go. Shares made before this migration expire 30 days after
-- their creation, the default retention.
--
-- The old trigger refused UPDATE only; it is dropped first so that the new columns can be
-- filled, and replaced by three triggers:
--   shares_immutable          refuses every UPDATE (and so UPSERT's DO UPDATE);
--   shares_not_replaced       refuses an INSERT whose id is taken: INSERT OR REPLACE and
--                             REPLACE INTO delete the old row without firing DELETE triggers
--                             (SQLite's recursive_triggers is off), so only a BEFORE INSERT
--                             trigger sees them;
--   shares_kept_until_expiry  refuses a DELETE of a share that has not expired.
DROP TRIGGER IF EXISTS shares_immutable;

ALTER TABLE shares ADD COLUMN expires_at TEXT NOT NULL DEFAULT '';
ALTER TABLE shares ADD COLUMN client TEXT NOT NULL DEFAULT '';
ALTER TABLE shares ADD COLUMN size INTEGER NOT NULL DEFAULT 0;

UPDATE shares SET
    expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+30 days'),
    size = length(CAST(body AS BLOB));

-- The per-client counts (shares in the last hour, shares alive) read this index only.
CREATE INDEX IF NOT EXISTS shares_by_client ON shares (client, created_at, expires_at);
-- The total counts and the expiry sweep read this index only.
CREATE INDEX IF NOT EXISTS shares_by_expiry ON shares (expires_at, size);

CREATE TRIGGER shares_immutable
BEFORE UPDATE ON shares
BEGIN
    SELECT RAISE(ABORT, 'shares are immutable');
END;

CREATE TRIGGER shares_not_replaced
BEFORE INSERT ON shares
WHEN EXISTS (SELECT 1 FROM shares WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'shares are immutable');
END;

CREATE TRIGGER shares_kept_until_expiry
BEFORE DELETE ON shares
WHEN OLD.expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
BEGIN
    SELECT RAISE(ABORT, 'shares are kept until they expire');
END;
