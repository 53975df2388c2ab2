-- A rater may ask to be forgotten. Their raters row stays, scrubbed of name and address, because
-- their invitations refer to it and known-superiors counts the sponsor's completed invitation
-- through raters.sponsor: deleting the row, or clearing sponsor, would let a release treat the
-- sponsor's response as unknown to the sponsor. Their pending invitations are withdrawn.
--
-- round_progress is deliberately left as it is: a withdrawn invitation still counts as invited
-- and as neither completed nor declined, exactly as the pending invitation it was. Leaving the
-- counts would tell the coach, who knows whom they erased, that this rater had not answered.

-- +goose Up

ALTER TABLE raters ADD COLUMN erased_at timestamptz;
-- email_key 'erased:<id>' keeps the UNIQUE (engagement_id, email_key) without holding the address,
-- and no EmailKey has that shape, so the person can be added again later.
ALTER TABLE raters ADD CONSTRAINT raters_erased_check
    CHECK (erased_at IS NULL OR (name = 'Erased rater' AND email = '' AND email_key = 'erased:' || id));

ALTER TABLE invitations DROP CONSTRAINT invitations_status_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_status_check
    CHECK (status IN ('pending', 'completed', 'declined', 'withdrawn'));

ALTER TABLE audit_trail DROP CONSTRAINT audit_trail_action_check;
ALTER TABLE audit_trail ADD CONSTRAINT audit_trail_action_check
    CHECK (action IN ('engagement_created', 'settings_changed', 'rater_added', 'rater_removed', 'rater_erased', 'round_opened', 'round_closed'));

-- +goose Down

-- An erasure cannot be represented without these columns and statuses, and undoing it is not
-- possible: refuse, in the migration's transaction, rather than turn erased raters back into
-- raters with an empty address who would be invited to the next round.
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM raters WHERE erased_at IS NOT NULL)
       OR EXISTS (SELECT 1 FROM invitations WHERE status = 'withdrawn')
       OR EXISTS (SELECT 1 FROM audit_trail WHERE action = 'rater_erased') THEN
        RAISE EXCEPTION 'raters have been erased; this migration cannot be undone';
    END IF;
END
$$;
-- +goose StatementEnd

ALTER TABLE audit_trail DROP CONSTRAINT audit_trail_action_check;
ALTER TABLE audit_trail ADD CONSTRAINT audit_trail_action_check
    CHECK (action IN ('engagement_created', 'settings_changed', 'rater_added', 'rater_removed', 'round_opened', 'round_closed'));

ALTER TABLE invitations DROP CONSTRAINT invitations_status_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_status_check
    CHECK (status IN ('pending', 'completed', 'declined'));

ALTER TABLE raters DROP CONSTRAINT raters_erased_check;
ALTER TABLE raters DROP COLUMN erased_at;
