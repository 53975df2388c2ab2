-- An engagement's time zone: where its leader and raters are, so that deadlines are named in
-- their clock. Every existing engagement named its deadlines in UTC, and keeps doing so.

-- +goose Up
ALTER TABLE engagements ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC' CHECK (time_zone <> '');

-- +goose Down
ALTER TABLE engagements DROP COLUMN time_zone;
