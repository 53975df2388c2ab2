-- The sponsor summary by email: a message of purpose sponsor_summary goes to the sponsor when the
-- closing round is released with the leader's consent in force, and again whenever the leader
-- gives consent (or changes its scope) after that release. Each message names the consent
-- decision that caused it, and no decision causes two: the unique constraint holds that even
-- when a release and a decision happen at once. The message holds no result and no PDF: the
-- summary is drawn when it is sent, from the consent in force then. The access log records each
-- summary sent, beside each one downloaded.
--
-- delete_engagement (00009) deletes the engagement's outbox rows, by round and by engagement_id,
-- before its consent history, so it needs no change; nor does retention, which never deletes a
-- consent.

-- +goose Up
ALTER TABLE outbox ADD COLUMN sponsor_consent_id bigint UNIQUE REFERENCES sponsor_consents (id);
ALTER TABLE outbox DROP CONSTRAINT outbox_purpose_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_purpose_check
    CHECK (purpose IN ('invitation', 'reminder', 'threshold_reached', 'round_released', 'raters_added',
                       'report_shared', 'leader_link', 'password_setup', 'password_reset', 'sponsor_summary'));
ALTER TABLE outbox ADD CONSTRAINT outbox_sponsor_consent
    CHECK ((purpose = 'sponsor_summary') = (sponsor_consent_id IS NOT NULL AND engagement_id IS NOT NULL));
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check
    CHECK (action IN ('results_viewed', 'report_downloaded', 'export_downloaded', 'sponsor_summary_downloaded',
                      'sponsor_summary_sent'));

-- +goose Down
-- The access log is the record of what left the service: once a summary was sent, going down
-- fails here rather than lose that entry.
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check
    CHECK (action IN ('results_viewed', 'report_downloaded', 'export_downloaded', 'sponsor_summary_downloaded'));
DELETE FROM mailbox WHERE message_id IN (SELECT message_id FROM outbox WHERE purpose = 'sponsor_summary');
DELETE FROM outbox WHERE purpose = 'sponsor_summary';
ALTER TABLE outbox DROP CONSTRAINT outbox_sponsor_consent;
ALTER TABLE outbox DROP CONSTRAINT outbox_purpose_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_purpose_check
    CHECK (purpose IN ('invitation', 'reminder', 'threshold_reached', 'round_released', 'raters_added',
                       'report_shared', 'leader_link', 'password_setup', 'password_reset'));
ALTER TABLE outbox DROP COLUMN sponsor_consent_id;
