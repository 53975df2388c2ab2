-- A round's progress also counts, per group, invitations whose mail a server refused for now and
-- that wait for a retry ("delayed"), so a coach can tell a slow mail server from people who have
-- not answered before the retries run out and the invitations fail.
--
-- Delayed, bounced and failed count the invitation message alone. Reminders go only to people
-- who have not answered, and the coach can send one at will: a reminder delayed or bounced in a
-- group would tell the coach that someone there, often recognisable by their mail domain, has
-- not answered.

-- +goose Up

-- Undelivered invitations are looked up by progress: bounced, failed, and waiting for a retry.
DROP INDEX outbox_undelivered;
CREATE INDEX outbox_undelivered ON outbox (invitation_id)
    WHERE purpose = 'invitation' AND (status IN ('bounced', 'failed') OR (status = 'queued' AND attempts > 0));

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION round_progress(round uuid) RETURNS json LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT coalesce(json_agg(p), '[]') FROM (
        SELECT i.rater_group AS "group",
               count(*) AS invited,
               count(*) FILTER (WHERE i.status = 'completed') AS completed,
               count(*) FILTER (WHERE i.status = 'declined') AS declined,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM outbox o
                                              WHERE o.invitation_id = i.id AND o.purpose = 'invitation'
                                                AND o.status = 'queued' AND o.attempts > 0)) AS delayed,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM outbox o
                                              WHERE o.invitation_id = i.id AND o.purpose = 'invitation'
                                                AND o.status = 'bounced')) AS bounced,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM outbox o
                                              WHERE o.invitation_id = i.id AND o.purpose = 'invitation'
                                                AND o.status = 'failed')) AS failed
        FROM invitations i
        WHERE i.round_id = round
        GROUP BY i.rater_group) p);
END
$$;
-- +goose StatementEnd

-- +goose Down

DROP INDEX outbox_undelivered;
CREATE INDEX outbox_undelivered ON outbox (invitation_id) WHERE status IN ('bounced', 'failed');

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION round_progress(round uuid) RETURNS json LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT coalesce(json_agg(p), '[]') FROM (
        SELECT i.rater_group AS "group",
               count(*) AS invited,
               count(*) FILTER (WHERE i.status = 'completed') AS completed,
               count(*) FILTER (WHERE i.status = 'declined') AS declined,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM outbox o
                                              WHERE o.invitation_id = i.id AND o.status = 'bounced')) AS bounced,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM outbox o
                                              WHERE o.invitation_id = i.id AND o.status = 'failed')) AS failed
        FROM invitations i
        WHERE i.round_id = round
        GROUP BY i.rater_group) p);
END
$$;
-- +goose StatementEnd
