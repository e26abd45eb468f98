-- Migration number: 0003 	 classes (docs/classroom.md)
-- A class is a trainer's drill session: its drills, its join code, and the SHA-256 of the
-- trainer's token (never the token). Its trainees (each with the SHA-256 of their own token),
-- the commands they typed and the trainer's events (start, inject, pause, resume, end) hang
-- off it and are deleted with it once it expires (expires_at, RFC 3339 UTC text like the
-- shares'). Commands and events share one sequence per class (seq), which orders them for
-- the replay. Scores are the Worker's own: it replays the commands, and keeps each trainee's
-- last replayed progress only as a cache for the board.
CREATE TABLE IF NOT EXISTS classes (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    code       TEXT NOT NULL UNIQUE CHECK (length(code) = 8),
    token_hash TEXT NOT NULL CHECK (length(token_hash) = 64),
    title      TEXT NOT NULL,
    drills     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    client     TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS classes_by_client ON classes (client, created_at);
CREATE INDEX IF NOT EXISTS classes_by_expiry ON classes (expires_at);

CREATE TABLE IF NOT EXISTS class_trainees (
    class_id   TEXT NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    id         TEXT NOT NULL CHECK (length(id) = 36),
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    token_hash TEXT NOT NULL CHECK (length(token_hash) = 64),
    joined_at  TEXT NOT NULL,
    -- The trainee's progress as the Worker last replayed it (JSON), and the class sequence
    -- number it was computed at: a cache, so that the board need not replay everyone.
    progress     TEXT NOT NULL DEFAULT '',
    progress_seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (class_id, id),
    UNIQUE (class_id, name_key),
    UNIQUE (class_id, token_hash)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS class_commands (
    class_id   TEXT NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    trainee_id TEXT NOT NULL,
    drill      INTEGER NOT NULL,
    at_ms      INTEGER NOT NULL,
    line       TEXT NOT NULL,
    PRIMARY KEY (class_id, seq)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS class_commands_by_trainee ON class_commands (class_id, trainee_id, seq);

CREATE TABLE IF NOT EXISTS class_events (
    class_id TEXT NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    drill    INTEGER NOT NULL,
    verb     TEXT NOT NULL,
    at_ms    INTEGER NOT NULL,
    PRIMARY KEY (class_id, seq)
) WITHOUT ROWID;

-- Wrong join codes, by client (the keyed hash of the address, as for shares), kept an hour.
CREATE TABLE IF NOT EXISTS class_join_failures (
    client TEXT NOT NULL,
    at     TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS class_join_failures_by_client ON class_join_failures (client, at);
