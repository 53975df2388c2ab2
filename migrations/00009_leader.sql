-- The leader's page: a personal link (no password) to everything of the engagement that is the
-- leader's: the self-assessment while a round is open, the reports the coach has shared, goals
-- and check-ins, consent to a sponsor summary, and, when the coach allows it, nominations of
-- raters. An engagement may also be archived when it ends, which closes the leader's link.

-- +goose Up

-- archived_at: the coach archived the engagement when it ended; from then on its leader link
-- opens nothing and no round opens. nomination_allowed: the leader may propose raters, each for
-- the coach to approve or reject before anyone is invited.
ALTER TABLE engagements ADD COLUMN archived_at timestamptz;
ALTER TABLE engagements ADD COLUMN nomination_allowed boolean NOT NULL DEFAULT false;

-- A leader link's token, like a survey link's, is minted when the message carrying it is sent
-- (the self-assessment invitation, the notice of a shared report, a fresh link after a
-- rotation), so no token waits in the outbox; only its SHA-256 is stored. Every token of an
-- engagement opens its page until the coach rotates the link (which deletes them all) or
-- archives the engagement.
CREATE TABLE leader_tokens (
    token_hash    bytea PRIMARY KEY,
    engagement_id uuid NOT NULL REFERENCES engagements (id)
);
CREATE INDEX leader_tokens_engagement ON leader_tokens (engagement_id);

-- Messages to the leader that are about the engagement rather than a round (a fresh leader link)
-- name it here; the others reach it through their round.
ALTER TABLE outbox ADD COLUMN engagement_id uuid REFERENCES engagements (id);
CREATE INDEX outbox_engagement ON outbox (engagement_id) WHERE engagement_id IS NOT NULL;
ALTER TABLE outbox DROP CONSTRAINT outbox_purpose_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_purpose_check
    CHECK (purpose IN ('invitation', 'reminder', 'threshold_reached', 'round_released', 'raters_added',
                       'report_shared', 'leader_link'));

-- The released rounds whose report the coach has shared with the leader, and when: the leader's
-- page shows a report only from then on. A share is never taken back, since the leader may have
-- downloaded it. account_id is who shared it.
CREATE TABLE shared_reports (
    round_id   uuid PRIMARY KEY REFERENCES rounds (id),
    account_id uuid REFERENCES accounts (id),
    shared_at  timestamptz NOT NULL DEFAULT now()
);

-- The leader's consent to a sponsor summary, as a history that is only ever appended to: each
-- entry gives consent for a scope, or withdraws the consent given. The current state is the
-- latest entry. Scopes: 'goals_and_progress' (the goals and how they stand) or
-- 'themes_and_progress' (that, and the main themes of the feedback, never item scores or
-- comments). A withdrawal records the scope it withdraws.
CREATE TABLE sponsor_consents (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- the order of the entries
    engagement_id uuid NOT NULL REFERENCES engagements (id),
    decision      text NOT NULL CHECK (decision IN ('given', 'withdrawn')),
    scope         text NOT NULL CHECK (scope IN ('goals_and_progress', 'themes_and_progress')),
    at            timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX sponsor_consents_engagement ON sponsor_consents (engagement_id, id);

-- The history never changes: entries are refused an update or a delete, but for the deletion of
-- their whole engagement by delete_engagement (see 00005), and a TRUNCATE is refused too.
-- +goose StatementBegin
CREATE FUNCTION refuse_consent_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(current_setting('threesixty.deleting_engagement', true), '') <> ''
       AND current_setting('threesixty.deleting_engagement', true) = CAST(OLD.engagement_id AS text) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'sponsor consent entries never change once written';
END
$$;
-- +goose StatementEnd
CREATE TRIGGER sponsor_consents_append_only BEFORE UPDATE OR DELETE ON sponsor_consents
    FOR EACH ROW EXECUTE FUNCTION refuse_consent_change();
CREATE TRIGGER sponsor_consents_no_truncate BEFORE TRUNCATE ON sponsor_consents
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_consent_change();

-- Raters the leader proposes, when the engagement allows it. Nothing is sent to a nominee: the
-- coach approves (the nominee becomes a rater through the same checks and path as any rater,
-- rater_id) or rejects. The leader sees each nomination's status, never whether a rater
-- answered. email_key is the address in the normal form addresses are compared in. An erased
-- nominee keeps the row, scrubbed as an erased rater is.
CREATE TABLE nominations (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    engagement_id uuid NOT NULL REFERENCES engagements (id),
    name          text NOT NULL,
    email         text NOT NULL,
    email_key     text NOT NULL,
    rater_group   text NOT NULL CHECK (rater_group IN ('superior', 'peer', 'direct_report', 'other')),
    status        text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected')),
    proposed_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    decided_at    timestamptz,
    decided_by    uuid REFERENCES accounts (id),
    rater_id      uuid REFERENCES raters (id) ON DELETE SET NULL,
    erased_at     timestamptz,
    CHECK ((status = 'proposed') = (decided_at IS NULL)),
    CHECK (rater_id IS NULL OR status = 'approved'),
    CHECK (erased_at IS NULL OR (name = 'Erased rater' AND email = '' AND email_key = 'erased:' || id))
);
CREATE INDEX nominations_engagement ON nominations (engagement_id, proposed_at);
-- One open proposal per person and engagement; a rejected one may be proposed again.
CREATE UNIQUE INDEX nominations_one_proposed ON nominations (engagement_id, email_key) WHERE status = 'proposed';

ALTER TABLE audit_trail DROP CONSTRAINT audit_trail_action_check;
ALTER TABLE audit_trail ADD CONSTRAINT audit_trail_action_check
    CHECK (action IN ('engagement_created', 'settings_changed', 'rater_added', 'rater_removed', 'rater_erased',
                      'round_opened', 'round_closed', 'engagement_archived', 'leader_link_rotated',
                      'report_shared', 'nomination_proposed', 'nomination_approved', 'nomination_rejected'));

-- delete_engagement as in 00005, and also what this migration adds: the leader's tokens, messages
-- and their kept copies, shares, consent history and nominations.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION delete_engagement(engagement uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    open_round uuid;
BEGIN
    FOR open_round IN SELECT id FROM rounds WHERE engagement_id = engagement AND status = 'open' FOR UPDATE LOOP
        PERFORM drop_round_storage(open_round);
    END LOOP;
    PERFORM 1 FROM invitations i JOIN rounds r ON r.id = i.round_id WHERE r.engagement_id = engagement FOR UPDATE OF i;
    PERFORM 1 FROM outbox o LEFT JOIN rounds r ON r.id = o.round_id
    WHERE r.engagement_id = engagement OR o.engagement_id = engagement FOR UPDATE OF o;
    DELETE FROM mailbox WHERE message_id IN (
        SELECT o.message_id FROM outbox o LEFT JOIN rounds r ON r.id = o.round_id
        WHERE r.engagement_id = engagement OR o.engagement_id = engagement);
    DELETE FROM outbox o USING rounds r WHERE r.id = o.round_id AND r.engagement_id = engagement;
    DELETE FROM outbox WHERE engagement_id = engagement;
    DELETE FROM invitation_tokens t USING invitations i, rounds r
    WHERE i.id = t.invitation_id AND r.id = i.round_id AND r.engagement_id = engagement;
    DELETE FROM leader_tokens WHERE engagement_id = engagement;
    DELETE FROM invitations i USING rounds r WHERE r.id = i.round_id AND r.engagement_id = engagement;
    DELETE FROM reminder_runs x USING rounds r WHERE r.id = x.round_id AND r.engagement_id = engagement;
    DELETE FROM shared_reports x USING rounds r WHERE r.id = x.round_id AND r.engagement_id = engagement;
    PERFORM set_config('threesixty.deleting_engagement', CAST(engagement AS text), true);
    DELETE FROM responses x USING rounds r WHERE r.id = x.round_id AND r.engagement_id = engagement;
    DELETE FROM results x USING rounds r WHERE r.id = x.round_id AND r.engagement_id = engagement;
    DELETE FROM sponsor_consents WHERE engagement_id = engagement;
    PERFORM set_config('threesixty.deleting_engagement', '', true);
    DELETE FROM rounds WHERE engagement_id = engagement;
    DELETE FROM goals WHERE engagement_id = engagement; -- check-ins go with their goal
    DELETE FROM audit_trail WHERE engagement_id = engagement;
    DELETE FROM nominations WHERE engagement_id = engagement;
    DELETE FROM raters WHERE engagement_id = engagement;
    DELETE FROM engagements WHERE id = engagement;
END
$$;
-- +goose StatementEnd

-- retention_due as in 00006, and an engagement also still holds something retention takes while
-- a nomination keeps a name and address.
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
                       JOIN invitation_tokens t ON t.invitation_id = i.id WHERE r.engagement_id = engagement))
$$;
-- +goose StatementEnd

-- +goose Down

-- The consent history is the leader's record of what they agreed to, and the audit trail's new
-- entries are the record of who changed what: refuse, rather than drop either.
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM sponsor_consents)
       OR EXISTS (SELECT 1 FROM audit_trail WHERE action IN ('engagement_archived', 'leader_link_rotated',
                  'report_shared', 'nomination_proposed', 'nomination_approved', 'nomination_rejected')) THEN
        RAISE EXCEPTION 'the leader''s page has been used; this migration cannot be undone';
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
            OR EXISTS (SELECT 1 FROM rounds r JOIN outbox o ON o.round_id = r.id
                       WHERE r.engagement_id = engagement AND o.status <> 'queued')
            OR EXISTS (SELECT 1 FROM rounds r JOIN invitations i ON i.round_id = r.id
                       JOIN invitation_tokens t ON t.invitation_id = i.id WHERE r.engagement_id = engagement))
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION delete_engagement(engagement uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    open_round uuid;
BEGIN
    FOR open_round IN SELECT id FROM rounds WHERE engagement_id = engagement AND status = 'open' FOR UPDATE LOOP
        PERFORM drop_round_storage(open_round);
    END LOOP;
    PERFORM 1 FROM invitations i JOIN rounds r ON r.id = i.round_id WHERE r.engagement_id = engagement FOR UPDATE OF i;
    PERFORM 1 FROM outbox o JOIN rounds r ON r.id = o.round_id WHERE r.engagement_id = engagement FOR UPDATE OF o;
    DELETE FROM mailbox WHERE message_id IN (
        SELECT o.message_id FROM outbox o JOIN rounds r ON r.id = o.round_id WHERE r.engagement_id = engagement);
    DELETE FROM outbox o USING rounds r WHERE r.id = o.round_id AND r.engagement_id = engagement;
    DELETE FROM invitation_tokens t USING invitations i, rounds r
    WHERE i.id = t.invitation_id AND r.id = i.round_id AND r.engagement_id = engagement;
    DELETE FROM invitations i USING rounds r WHERE r.id = i.round_id AND r.engagement_id = engagement;
    DELETE FROM reminder_runs x USING rounds r WHERE r.id = x.round_id AND r.engagement_id = engagement;
    PERFORM set_config('threesixty.deleting_engagement', CAST(engagement AS text), true);
    DELETE FROM responses x USING rounds r WHERE r.id = x.round_id AND r.engagement_id = engagement;
    DELETE FROM results x USING rounds r WHERE r.id = x.round_id AND r.engagement_id = engagement;
    PERFORM set_config('threesixty.deleting_engagement', '', true);
    DELETE FROM rounds WHERE engagement_id = engagement;
    DELETE FROM goals WHERE engagement_id = engagement; -- check-ins go with their goal
    DELETE FROM audit_trail WHERE engagement_id = engagement;
    DELETE FROM raters WHERE engagement_id = engagement;
    DELETE FROM engagements WHERE id = engagement;
END
$$;
-- +goose StatementEnd

ALTER TABLE audit_trail DROP CONSTRAINT audit_trail_action_check;
ALTER TABLE audit_trail ADD CONSTRAINT audit_trail_action_check
    CHECK (action IN ('engagement_created', 'settings_changed', 'rater_added', 'rater_removed', 'rater_erased', 'round_opened', 'round_closed'));

DROP TABLE nominations, sponsor_consents, shared_reports, leader_tokens;
DROP FUNCTION refuse_consent_change();

DELETE FROM mailbox WHERE message_id IN (SELECT message_id FROM outbox WHERE purpose IN ('report_shared', 'leader_link'));
DELETE FROM outbox WHERE purpose IN ('report_shared', 'leader_link');
ALTER TABLE outbox DROP CONSTRAINT outbox_purpose_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_purpose_check
    CHECK (purpose IN ('invitation', 'reminder', 'threshold_reached', 'round_released', 'raters_added'));
DROP INDEX outbox_engagement;
ALTER TABLE outbox DROP COLUMN engagement_id;

ALTER TABLE engagements DROP COLUMN nomination_allowed;
ALTER TABLE engagements DROP COLUMN archived_at;
