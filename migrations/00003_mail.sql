-- Mail: an outbox written in the same transaction as the change that causes a message, tokens
-- minted when a message is sent, and reminders on a schedule per round.

-- +goose Up

-- A survey link's token is minted when the message carrying it is sent, so no token ever waits
-- in the outbox. Every message carries a fresh one (the invitation, each reminder); all of an
-- invitation's tokens open it, until its round closes. Only hashes are stored.
CREATE TABLE invitation_tokens (
    token_hash    bytea PRIMARY KEY,
    invitation_id uuid NOT NULL REFERENCES invitations (id)
);
CREATE INDEX invitation_tokens_invitation ON invitation_tokens (invitation_id);
INSERT INTO invitation_tokens (token_hash, invitation_id) SELECT token_hash, id FROM invitations;
ALTER TABLE invitations DROP COLUMN token_hash;

ALTER TABLE invitations
    ADD COLUMN reminders_sent int NOT NULL DEFAULT 0,
    ADD COLUMN reminders_stopped boolean NOT NULL DEFAULT false;

-- A draft has to open from any of an invitation's links, so it can no longer be sealed with one
-- of them; it is plain answers, deleted at submission, at decline and when the round closes.
DELETE FROM drafts;
ALTER TABLE drafts DROP COLUMN sealed, ADD COLUMN answers jsonb NOT NULL;

ALTER TABLE rounds
    ADD COLUMN reminder_after_days int NOT NULL DEFAULT 4 CHECK (reminder_after_days BETWEEN 0 AND 60),
    ADD COLUMN reminder_before_close_days int NOT NULL DEFAULT 2 CHECK (reminder_before_close_days BETWEEN 0 AND 60),
    ADD COLUMN reminder_limit int NOT NULL DEFAULT 2 CHECK (reminder_limit BETWEEN 0 AND 10),
    ADD COLUMN threshold_notified boolean NOT NULL DEFAULT false;

-- One row per message. The body is rendered when it is sent, from the references here, so the
-- outbox never holds a survey link. message_id stays the same across retries.
CREATE TABLE outbox (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    message_id      text NOT NULL UNIQUE,
    purpose         text NOT NULL,
    round_id        uuid REFERENCES rounds (id),
    invitation_id   uuid REFERENCES invitations (id),
    recipient       text NOT NULL,
    recipient_name  text NOT NULL,
    status          text NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'sent', 'bounced', 'failed', 'cancelled')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    leased_until    timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'queued';
-- Only undelivered invitations are looked up (progress counts them), so only they are indexed.
CREATE INDEX outbox_undelivered ON outbox (invitation_id) WHERE status IN ('bounced', 'failed');

-- Each scheduled reminder of a round runs once, whichever instance gets there first.
CREATE TABLE reminder_runs (
    round_id   uuid NOT NULL REFERENCES rounds (id),
    slot       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (round_id, slot)
);

-- Without an SMTP server (the demo), messages are kept here and shown on a local page instead.
CREATE TABLE mailbox (
    message_id text PRIMARY KEY REFERENCES outbox (message_id),
    recipient  text NOT NULL,
    subject    text NOT NULL,
    text_body  text NOT NULL,
    html_body  text NOT NULL,
    kept_at    timestamptz NOT NULL DEFAULT now()
);

-- Failed survey-link lookups, one row per client address and a fixed ten-minute window: the
-- check on every survey request is then one primary-key probe.
DROP TABLE token_guesses;
CREATE TABLE token_guesses (
    client       text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    failures     int NOT NULL
);
CREATE INDEX token_guesses_window ON token_guesses (window_start);

-- A round's progress, counts per group only, as the coach sees it. A function, so that reading a
-- round and closing one give the same counts from one definition; PL/pgSQL, so that its plan is
-- cached per connection rather than made again at every call.
-- +goose StatementBegin
CREATE FUNCTION round_progress(round uuid) RETURNS json LANGUAGE plpgsql STABLE AS $$
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

-- +goose Down
DROP FUNCTION round_progress(uuid);
DROP TABLE token_guesses;
CREATE TABLE token_guesses (
    client   text NOT NULL,
    minute   timestamptz NOT NULL,
    failures int NOT NULL,
    PRIMARY KEY (client, minute)
);
CREATE INDEX token_guesses_minute ON token_guesses (minute);
DROP TABLE mailbox, reminder_runs, outbox;
ALTER TABLE rounds DROP COLUMN reminder_after_days, DROP COLUMN reminder_before_close_days,
    DROP COLUMN reminder_limit, DROP COLUMN threshold_notified;
DELETE FROM drafts;
ALTER TABLE drafts DROP COLUMN answers, ADD COLUMN sealed bytea NOT NULL;
ALTER TABLE invitations DROP COLUMN reminders_sent, DROP COLUMN reminders_stopped;
ALTER TABLE invitations ADD COLUMN token_hash bytea UNIQUE;
UPDATE invitations i SET token_hash = (SELECT t.token_hash FROM invitation_tokens t WHERE t.invitation_id = i.id LIMIT 1);
DROP TABLE invitation_tokens;
