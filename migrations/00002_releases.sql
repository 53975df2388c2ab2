-- Releases: a closed round's results, computed, audited and frozen in the transaction that
-- closes it. Neither a release nor the responses behind it ever change afterwards; the database
-- itself refuses, so no code path can quietly regenerate a report after a late answer.

-- +goose Up
ALTER TABLE rounds ADD COLUMN released_at timestamptz;

-- The results are kept as the exact JSON text that was released (json, not jsonb), stored
-- uncompressed: a release is written once per round and read whole, and skipping jsonb's parse
-- and the compression of some 30 kB is most of the cost of storing it.
CREATE TABLE releases (
    round_id    uuid PRIMARY KEY REFERENCES rounds (id),
    results     json NOT NULL,
    released_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE releases ALTER COLUMN results SET STORAGE EXTERNAL;

-- +goose StatementBegin
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows never change once written', TG_TABLE_NAME;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER releases_frozen BEFORE UPDATE OR DELETE ON releases
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER responses_frozen BEFORE UPDATE OR DELETE ON responses
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- +goose Down
DROP TRIGGER responses_frozen ON responses;
DROP TRIGGER releases_frozen ON releases;
DROP FUNCTION refuse_change();
DROP TABLE releases;
ALTER TABLE rounds DROP COLUMN released_at;
