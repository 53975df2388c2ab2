-- The engagement's timeline and its coaching sessions: an engagement gets the day it starts and
-- the day it is planned to end, and a coaching session (a meeting of coach and leader; "session"
-- alone is a signed-in browser) records the day it was held, how long it lasted, and the coach's
-- notes. The CHECKs are the backstop of the rules threesixty.Engagement and
-- threesixty.CoachingSession check first.
--
-- A session's notes are the coach's alone: no report, results, export, message, leader's page
-- or audit trail entry reads them. Sessions go with their engagement when an admin deletes it
-- (the foreign key cascades from the row delete_engagement deletes, so the function needs no
-- change); retention forgets their notes and keeps the day and length, which the closing report
-- counts.

-- +goose Up

-- Both NULL for the engagements made before, and until the coach sets them.
ALTER TABLE engagements ADD COLUMN starts_on date, ADD COLUMN planned_end_on date;
ALTER TABLE engagements ADD CONSTRAINT engagements_planned_end
    CHECK (planned_end_on IS NULL OR (starts_on IS NOT NULL AND planned_end_on > starts_on
                                      AND planned_end_on <= starts_on + interval '24 months'));

-- At most 100 sessions an engagement: the store counts them under the engagement's lock.
CREATE TABLE coaching_sessions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    engagement_id uuid NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    held_on       date NOT NULL,
    minutes       integer NOT NULL CHECK (minutes BETWEEN 1 AND 480),
    notes         text NOT NULL DEFAULT '' CHECK (char_length(notes) <= 4000),
    -- The clock at the insert, as for goals: sessions of one day are listed in the order they
    -- were recorded, and creates wait for the engagement's lock.
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX coaching_sessions_engagement ON coaching_sessions (engagement_id, held_on, created_at);

-- The audit trail says a session was added, changed or deleted, with its day and minutes.
ALTER TABLE audit_trail DROP CONSTRAINT audit_trail_action_check;
ALTER TABLE audit_trail ADD CONSTRAINT audit_trail_action_check
    CHECK (action IN ('engagement_created', 'settings_changed', 'rater_added', 'rater_removed', 'rater_erased',
                      'round_opened', 'round_closed', 'engagement_archived', 'leader_link_rotated',
                      'report_shared', 'nomination_proposed', 'nomination_approved', 'nomination_rejected',
                      'coaching_session_added', 'coaching_session_changed', 'coaching_session_deleted'));

-- retention_due as in 00011, but an engagement never finished is idle from its last round's close
-- or its last coaching session recorded, whichever is later (an engagement of coaching alone,
-- without rounds, is not idle while sessions are recorded), and it also still holds something
-- retention takes while a coaching session keeps notes.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION retention_due(engagement uuid, after_secs float8, idle_secs float8) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT NOT EXISTS (SELECT 1 FROM rounds r WHERE r.engagement_id = engagement AND r.status = 'open')
       AND (EXISTS (SELECT 1 FROM rounds r WHERE r.engagement_id = engagement AND r.kind = 'closing'
                    AND r.released_at < now() - make_interval(secs => after_secs))
            OR greatest(coalesce((SELECT max(r.closed_at) FROM rounds r WHERE r.engagement_id = engagement),
                                 (SELECT e.created_at FROM engagements e WHERE e.id = engagement)),
                        (SELECT max(cs.created_at) FROM coaching_sessions cs WHERE cs.engagement_id = engagement))
               < now() - make_interval(secs => after_secs + idle_secs))
       AND (EXISTS (SELECT 1 FROM raters ra WHERE ra.engagement_id = engagement AND ra.erased_at IS NULL)
            OR EXISTS (SELECT 1 FROM nominations n WHERE n.engagement_id = engagement AND n.erased_at IS NULL)
            OR EXISTS (SELECT 1 FROM rounds r JOIN outbox o ON o.round_id = r.id
                       WHERE r.engagement_id = engagement AND o.status <> 'queued')
            OR EXISTS (SELECT 1 FROM rounds r JOIN invitations i ON i.round_id = r.id
                       JOIN invitation_tokens t ON t.invitation_id = i.id WHERE r.engagement_id = engagement)
            OR EXISTS (SELECT 1 FROM leader_tokens lt WHERE lt.engagement_id = engagement)
            OR EXISTS (SELECT 1 FROM coaching_sessions cs WHERE cs.engagement_id = engagement AND cs.notes <> ''))
$$;
-- +goose StatementEnd

-- +goose Down

-- The audit trail's new entries are the record of who changed what: refuse, rather than drop
-- them with the sessions they tell of.
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_trail WHERE action IN ('coaching_session_added', 'coaching_session_changed',
                                                          'coaching_session_deleted')) THEN
        RAISE EXCEPTION 'coaching sessions have been recorded; this migration cannot be undone';
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION retention_due(engagement uuid, after_secs float8, idle_secs float8) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT NOT EXISTS (SELECT 1 FROM rounds r WHERE r.engagement_id = engagement AND r.status = 'open')
       AND (EXISTS (SELECT 1 FROM rounds r WHERE r.engagement_id = engagement AND r.kind = 'closing'
                    AND r.released_at < now() - make_interval(secs => after_secs))
            OR coalesce((SELECT max(r.closed_at) FROM rounds r WHERE r.engagement_id = engagement),
                        (SELECT e.created_at FROM engagements e WHERE e.id = engagement))
               < now() - make_interval(secs => after_secs + idle_secs))
       AND (EXISTS (SELECT 1 FROM raters ra WHERE ra.engagement_id = engagement AND ra.erased_at IS NULL)
            OR EXISTS (SELECT 1 FROM nominations n WHERE n.engagement_id = engagement AND n.erased_at IS NULL)
            OR EXISTS (SELECT 1 FROM rounds r JOIN outbox o ON o.round_id = r.id
                       WHERE r.engagement_id = engagement AND o.status <> 'queued')
            OR EXISTS (SELECT 1 FROM rounds r JOIN invitations i ON i.round_id = r.id
                       JOIN invitation_tokens t ON t.invitation_id = i.id WHERE r.engagement_id = engagement)
            OR EXISTS (SELECT 1 FROM leader_tokens lt WHERE lt.engagement_id = engagement))
$$;
-- +goose StatementEnd

ALTER TABLE audit_trail DROP CONSTRAINT audit_trail_action_check;
ALTER TABLE audit_trail ADD CONSTRAINT audit_trail_action_check
    CHECK (action IN ('engagement_created', 'settings_changed', 'rater_added', 'rater_removed', 'rater_erased',
                      'round_opened', 'round_closed', 'engagement_archived', 'leader_link_rotated',
                      'report_shared', 'nomination_proposed', 'nomination_approved', 'nomination_rejected'));
DROP TABLE coaching_sessions;
ALTER TABLE engagements DROP CONSTRAINT engagements_planned_end;
ALTER TABLE engagements DROP COLUMN starts_on, DROP COLUMN planned_end_on;
