-- Retention: once an engagement has ended, and a while has passed, what it holds about its raters
-- and its mail goes: rater names and addresses (as an erasure takes them), kept mail, outbox rows
-- that are done with, and survey link tokens. The engagement, its releases and goals stay until
-- it is deleted. retained_at marks an engagement whose retention has run, so it runs once.

-- +goose Up
ALTER TABLE engagements ADD COLUMN retained_at timestamptz;

-- +goose Down
ALTER TABLE engagements DROP COLUMN retained_at;
