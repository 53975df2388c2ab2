-- name: save-instrument-version
-- A version is its content hash: saving the same file twice, from any instance, is a no-op.
INSERT INTO instrument_versions (version, instrument, title, source)
VALUES ($1, $2, $3, $4)
ON CONFLICT (version) DO NOTHING;

-- name: instrument-source
SELECT instrument, source FROM instrument_versions WHERE version = $1;
