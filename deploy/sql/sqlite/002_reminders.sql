-- Reminders of the embedded single-silo default (SqliteReminderTable), in the same file as the grain state.
-- Idempotent: applied at every silo start, or by hand:  sqlite3 data/grain-state.db < deploy/sql/sqlite/002_reminders.sql
PRAGMA journal_mode = WAL;

CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id     TEXT    NOT NULL,
    grain_id       TEXT    NOT NULL, -- GrainId.ToString(), parsed back with GrainId.Parse
    reminder_name  TEXT    NOT NULL,
    start_at_ticks INTEGER NOT NULL, -- UTC DateTime ticks
    period_ticks   INTEGER NOT NULL, -- TimeSpan ticks
    grain_hash     INTEGER NOT NULL, -- GrainId.GetUniformHashCode() as an unsigned 32-bit value (ring ranges)
    etag           INTEGER NOT NULL CHECK (etag > 0),
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);

-- ETags come from one counter that only grows, so a removed and re-created reminder never gets an ETag
-- a stale caller still holds (no ABA on RemoveRow).
CREATE TABLE IF NOT EXISTS orleans_reminder_etags (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    last INTEGER NOT NULL
);

INSERT OR IGNORE INTO orleans_reminder_etags (id, last) VALUES (1, 0);
