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

DROP TABLE comparisons;
