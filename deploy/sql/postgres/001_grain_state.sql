-- Grain state for the PostgreSQL provider. Idempotent: applied by the silo with --init-schema, or by hand
--   psql "$CONNECTION" -f deploy/sql/postgres/001_grain_state.sql
CREATE TABLE IF NOT EXISTS grain_state (
    -- "C" collation: keys are identifiers, compared byte-wise, independent of the server locale.
    state_type text COLLATE "C" NOT NULL,
    grain_key  text COLLATE "C" NOT NULL,
    -- Compare-and-swap version: 1 after the first write, +1 per write or clear, never back to 0.
    etag       bigint NOT NULL CHECK (etag > 0),
    -- JSON exactly as written (text, not jsonb: no re-encoding, no parse on the write path);
    -- NULL marks a cleared record (tombstone that keeps its etag).
    payload    text NULL,
    updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (state_type, grain_key)
) WITH (fillfactor = 80); -- free space per page so updates stay HOT (no index churn)
