-- Migration number: 0001 	 shared workspaces
-- A share is a workspace the browser app sent to POST /api/shares, stored under a random
-- version 4 UUID. Shares are immutable: the Worker only ever INSERTs, and the trigger below
-- refuses any UPDATE, so a link always opens what was shared.
CREATE TABLE IF NOT EXISTS shares (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    created_at TEXT NOT NULL,
    body       TEXT NOT NULL,
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS shares_immutable
BEFORE UPDATE ON shares
BEGIN
    SELECT RAISE(ABORT, 'shares are immutable');
END;
