-- The midpoint goal pulse: an engagement has one, as it has one baseline and one closing round.
-- A second pulse over the same goals would let the difference of the two tell how a rater who
-- joined or was left out between them answered.

-- +goose Up
CREATE UNIQUE INDEX rounds_one_midpoint ON rounds (engagement_id) WHERE kind = 'midpoint';

-- +goose Down
DROP INDEX rounds_one_midpoint;
