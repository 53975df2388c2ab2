-- name: save-instrument-version
-- A version is its content hash: saving the same file twice, from any instance, is a no-op.
INSERT INTO instrument_versions (version, instrument, title, source)
VALUES ($1, $2, $3, $4)
ON CONFLICT (version) DO NOTHING;

-- name: instrument-source
SELECT instrument, source FROM instrument_versions WHERE version = $1;

-- name: forget-unpinned-pulses
-- A goal pulse's text holds its engagement's leader name and goal titles: once no round pins it
-- (its engagement deleted), it goes too. Shipped instruments stay whether pinned or not.
DELETE FROM instrument_versions v
WHERE v.instrument = 'goal-pulse'
  AND NOT EXISTS (SELECT 1 FROM rounds r WHERE r.instrument_version = v.version);
