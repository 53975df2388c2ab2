-- What changed between an engagement's baseline and its closing round, worked out once, in the
-- transaction that releases the closing round, from the two releases' published numbers, and
-- frozen beside the closing round's results. Like results, a comparison never changes: it goes
-- only with its round, when the engagement is deleted.

-- +goose Up

CREATE TABLE comparisons (
    round_id          uuid PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    baseline_round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    snapshot          json NOT NULL
);
CREATE TRIGGER comparisons_frozen BEFORE UPDATE ON comparisons
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER comparisons_no_truncate BEFORE TRUNCATE ON comparisons
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- +goose Down

-- A comparison is frozen with its closing round's release and is never worked out again: refuse,
-- rather than lose the closing reports and sponsor summaries drawn from it.
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM comparisons) THEN
        RAISE EXCEPTION 'closing rounds have been released with their comparison; this migration cannot be undone';
    END IF;
END
$$;
-- +goose StatementEnd
DROP TABLE comparisons;
