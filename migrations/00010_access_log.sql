-- Who read an engagement's results, and how a forgotten password is asked for again.
--
-- The access log records every time results leave the service: results viewed, a report
-- downloaded, an export downloaded, by whom (an account, the leader through their link, or the
-- service for a report made on the command line) and when. It says nothing about raters. Its
-- rows belong to their engagement and go with it when an admin deletes it (the foreign keys
-- cascade from the rows delete_engagement deletes, so the function needs no change); retention
-- keeps them, as it keeps the audit trail.
--
-- Password links are emailed: the outbox names the account a set-up or reset message is for, and
-- the link's token is minted when the message is sent, so no token ever waits in the outbox.
-- Requests for a reset link are counted per address and per client, to limit them.

-- +goose Up

CREATE TABLE access_log (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- the order of the views
    engagement_id uuid NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    round_id      uuid REFERENCES rounds (id) ON DELETE CASCADE, -- NULL for an export
    actor_kind    text NOT NULL CHECK (actor_kind IN ('account', 'leader', 'service')),
    account_id    uuid REFERENCES accounts (id),
    action        text NOT NULL CHECK (action IN ('results_viewed', 'report_downloaded', 'export_downloaded')),
    at            timestamptz NOT NULL DEFAULT now(),
    CHECK ((actor_kind = 'account') = (account_id IS NOT NULL))
);
CREATE INDEX access_log_engagement ON access_log (engagement_id, at);
CREATE INDEX access_log_at ON access_log (at);
CREATE INDEX access_log_round ON access_log (round_id) WHERE round_id IS NOT NULL;
-- The admins' audit log reads settings changes across every engagement, newest first.
CREATE INDEX audit_trail_settings ON audit_trail (at) WHERE action = 'settings_changed';

-- Set-up and reset messages name their account; only they do.
ALTER TABLE outbox ADD COLUMN account_id uuid REFERENCES accounts (id);
ALTER TABLE outbox DROP CONSTRAINT outbox_purpose_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_purpose_check
    CHECK (purpose IN ('invitation', 'reminder', 'threshold_reached', 'round_released', 'raters_added',
                       'report_shared', 'leader_link', 'password_setup', 'password_reset'));
ALTER TABLE outbox ADD CONSTRAINT outbox_password_account
    CHECK ((purpose IN ('password_setup', 'password_reset')) = (account_id IS NOT NULL));

-- Requests for a reset link, per address asked for (in EmailKey form, whether or not an account
-- has it) and per client. Rows older than the window are of no use.
CREATE TABLE password_requests (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email_key text NOT NULL,
    client    text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_requests_email ON password_requests (email_key, at);
CREATE INDEX password_requests_client ON password_requests (client, at);

-- +goose Down
DROP TABLE password_requests;
DELETE FROM mailbox WHERE message_id IN (SELECT message_id FROM outbox WHERE account_id IS NOT NULL);
DELETE FROM outbox WHERE account_id IS NOT NULL;
ALTER TABLE outbox DROP CONSTRAINT outbox_password_account;
ALTER TABLE outbox DROP CONSTRAINT outbox_purpose_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_purpose_check
    CHECK (purpose IN ('invitation', 'reminder', 'threshold_reached', 'round_released', 'raters_added',
                       'report_shared', 'leader_link'));
ALTER TABLE outbox DROP COLUMN account_id;
DROP INDEX audit_trail_settings;
DROP TABLE access_log;
