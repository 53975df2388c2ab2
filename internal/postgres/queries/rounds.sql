-- name: open-round-of
-- FOR SHARE: a close waits for the raters being invited, or they are not invited to a round
-- that has just closed.
SELECT id FROM rounds WHERE engagement_id = $1 AND status = 'open' FOR SHARE;

-- name: create-round
INSERT INTO rounds (engagement_id, kind, instrument_version, closes_at, reminder_after_days,
                    reminder_before_close_days, reminder_limit)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id;

-- name: get-round
-- $2 is the asking coach; an admin ($3) sees every round.
SELECT r.id, r.engagement_id, r.kind, r.status, v.instrument, r.instrument_version, r.opened_at,
       r.closes_at, r.closed_at, r.released_at, r.reminder_after_days AS "reminders.after_days",
       r.reminder_before_close_days AS "reminders.before_close_days", r.reminder_limit AS "reminders.limit",
       round_progress(r.id) AS progress
FROM rounds r
JOIN engagements e ON e.id = r.engagement_id
JOIN instrument_versions v ON v.version = r.instrument_version
WHERE r.id = $1 AND (e.coach_id = $2 OR $3);

-- name: list-rounds
SELECT r.id, r.engagement_id, r.kind, r.status, v.instrument, r.instrument_version, r.opened_at,
       r.closes_at, r.closed_at, r.released_at, r.reminder_after_days AS "reminders.after_days",
       r.reminder_before_close_days AS "reminders.before_close_days", r.reminder_limit AS "reminders.limit"
FROM rounds r
JOIN instrument_versions v ON v.version = r.instrument_version
WHERE r.engagement_id = $1
ORDER BY r.opened_at, r.id;

-- name: close-round
-- Closes an open round the coach may see ($2, or any for an admin $3), queues the notice to its
-- coach ($4 is the Message-ID host) and returns the round with what its release needs. The row
-- lock waits for submissions in flight (they hold FOR SHARE on the round). Closing and releasing
-- are one transaction, so a closed round always has its release.
WITH closed AS (
    UPDATE rounds r SET status = 'closed', closed_at = now(), released_at = now()
    FROM engagements e JOIN coaches c ON c.id = e.coach_id
    WHERE r.id = $1 AND e.id = r.engagement_id AND (e.coach_id = $2 OR $3) AND r.status = 'open'
    RETURNING r.id, r.engagement_id, r.kind, r.status,
              (SELECT v.instrument FROM instrument_versions v WHERE v.version = r.instrument_version) AS instrument,
              r.instrument_version, r.opened_at, r.closes_at, r.closed_at, r.released_at,
              r.reminder_after_days, r.reminder_before_close_days, r.reminder_limit,
              round_progress(r.id) AS progress, c.email AS coach_email, c.name AS coach_name,
              e.threshold, e.superior_identifiable
), notice AS (
    INSERT INTO outbox (message_id, purpose, round_id, recipient, recipient_name)
    SELECT '<' || gen_random_uuid() || '@' || $4 || '>', 'round_released', id, coach_email, coach_name
    FROM closed
)
SELECT id, engagement_id, kind, status, instrument, instrument_version, opened_at, closes_at,
       closed_at, released_at, reminder_after_days AS "reminders.after_days",
       reminder_before_close_days AS "reminders.before_close_days",
       reminder_limit AS "reminders.limit", progress, threshold, superior_identifiable
FROM closed;

-- name: release-held-responses
-- Run right after close-round, as its own statement so that its snapshot includes every
-- submission the close waited for. New ids, random order, one transaction: nothing of a held
-- response's id, physical position or transaction id survives into responses. Every response is
-- dated the day of the close: the day it was submitted, set against when each invitation was
-- reminded, would say whose it is. Drafts go too.
WITH held AS (
    DELETE FROM held_responses WHERE round_id = $1
    RETURNING round_id, rater_group, ratings, comments
), moved AS (
    INSERT INTO responses (round_id, rater_group, submitted_on, ratings, comments)
    SELECT round_id, rater_group, (now() AT TIME ZONE 'UTC')::date, ratings, comments
    FROM held ORDER BY random()
    RETURNING rater_group, ratings, comments
), dropped AS (
    DELETE FROM drafts WHERE invitation_id IN (SELECT id FROM invitations WHERE round_id = $1)
)
SELECT rater_group, ratings, comments FROM moved;
