-- Grain state for the SQLite provider. Idempotent: safe to run at every start and by hand
--   sqlite3 data/grain-state.db < deploy/sql/sqlite/001_grain_state.sql
-- WAL lets readers run while the single writer commits; it is a property of the file, so it sticks.
PRAGMA journal_mode = WAL;

CREATE TABLE IF NOT EXISTS grain_state (
    state_type TEXT    NOT NULL,
    grain_key  TEXT    NOT NULL,
    -- Compare-and-swap version: 1 after the first write, +1 per write or clear, never back to 0.
    etag       INTEGER NOT NULL CHECK (etag > 0),
    -- UTF-8 JSON exactly as written; NULL marks a cleared record (tombstone that keeps its etag).
    payload    TEXT    NULL,
    updated_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (state_type, grain_key)
) WITHOUT ROWID;
