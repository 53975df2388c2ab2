-- Development goals, agreed by coach and leader from the baseline report, and their check-ins.
-- The CHECKs are the backstop of the rules threesixty.Goal and threesixty.CheckIn check first.

-- +goose Up

-- A goal's competencies (ids of the engagement's instrument) and key results are always read and
-- written whole, with their goal, and nothing refers to one of them: a text[] and a jsonb array
-- keep them in the order the coach gave, without child tables whose rows would need ids and
-- positions of their own and a join on every read. At most 5 goals an engagement: the store
-- counts them under the engagement's lock.
CREATE TABLE goals (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    engagement_id uuid NOT NULL REFERENCES engagements (id),
    title         text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 200),
    description   text NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    competencies  text[] NOT NULL
                  CHECK (cardinality(competencies) >= 1 AND array_position(competencies, NULL) IS NULL),
    key_results   jsonb NOT NULL DEFAULT '[]'
                  CHECK (jsonb_typeof(key_results) = 'array' AND jsonb_array_length(key_results) <= 5),
    -- The clock at the insert, not the transaction's start: goals are listed in the order they
    -- were set, and creates wait for the engagement's lock, so a create that began first may
    -- insert second.
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX goals_engagement ON goals (engagement_id, created_at);

-- Check-ins accumulate over the engagement, one at a time, so they are rows of their own rather
-- than a list rewritten in the goal's row. They go with their goal.
CREATE TABLE check_ins (
    id      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    goal_id uuid NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    note    text NOT NULL DEFAULT '' CHECK (char_length(note) <= 4000),
    status  text NOT NULL CHECK (status IN ('on_track', 'at_risk', 'off_track', 'done')),
    at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX check_ins_goal ON check_ins (goal_id, at);

-- +goose Down
DROP TABLE check_ins, goals;
