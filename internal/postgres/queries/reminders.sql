-- name: due-reminder-slots
-- Scheduled reminders of open rounds that are due and have not run: "after-invitation" (days
-- after the round opened) and "before-close" (days before it closes). 0 days turns one off, and
-- so does a round too short for it.
SELECT r.id AS round_id, s.slot
FROM rounds r
CROSS JOIN LATERAL (VALUES
    ('after-invitation', r.reminder_after_days, r.opened_at + make_interval(days => r.reminder_after_days)),
    ('before-close', r.reminder_before_close_days, r.closes_at - make_interval(days => r.reminder_before_close_days))
) AS s(slot, days, due)
WHERE r.status = 'open' AND r.closes_at > now() AND s.days > 0 AND s.due <= now()
  -- A reminder due within a day of the invitation would only repeat it.
  AND s.due > r.opened_at + interval '1 day'
  AND NOT EXISTS (SELECT 1 FROM reminder_runs x WHERE x.round_id = r.id AND x.slot = s.slot);

-- name: start-reminder-run
-- Claims one reminder run; of instances racing for it, one gets the row back.
INSERT INTO reminder_runs (round_id, slot) VALUES ($1, $2)
ON CONFLICT DO NOTHING
RETURNING round_id;

-- name: enqueue-reminders
-- Queues a reminder for everyone in the open round $1 who has neither answered nor declined,
-- has not stopped reminders and has had fewer than the round's limit. $2 is the Message-ID host.
-- Returns the invitations reminded. A withdrawn invitation (its rater erased) is counted as
-- reminded, and gets no message: the count a coach reads back is what it would have been had
-- the rater never been erased, so it cannot say whether they had answered.
WITH due AS (
    UPDATE invitations i SET reminders_sent = i.reminders_sent + 1
    FROM rounds r
    WHERE i.round_id = $1 AND r.id = i.round_id AND r.status = 'open' AND r.closes_at > now()
      AND i.status IN ('pending', 'withdrawn') AND NOT i.reminders_stopped
      AND i.reminders_sent < r.reminder_limit
    RETURNING i.id, i.rater_id, i.round_id, i.status
), queued AS (
    INSERT INTO outbox (message_id, purpose, round_id, invitation_id, recipient, recipient_name)
    SELECT '<' || gen_random_uuid() || '@' || $2 || '>', 'reminder', d.round_id, d.id,
           coalesce(ra.email, e.leader_email), coalesce(ra.name, e.leader_name)
    FROM due d
    JOIN rounds r ON r.id = d.round_id
    JOIN engagements e ON e.id = r.engagement_id
    LEFT JOIN raters ra ON ra.id = d.rater_id
    WHERE d.status = 'pending'
)
SELECT id FROM due;

-- name: notify-threshold
-- Tells coaches whose open round now has, in every group that can get there, at least k
-- responses. A group with fewer than k people still to ask never can, and is not waited for. A
-- withdrawn invitation (its rater erased) counts as one still to answer, as it did before: were
-- it counted like a decline, a notice sent right after an erasure would tell the coach that the
-- erased rater had not answered.
WITH reached AS (
    SELECT r.id, e.coach_id, e.id AS engagement_id
    FROM rounds r JOIN engagements e ON e.id = r.engagement_id
    WHERE r.status = 'open' AND NOT r.threshold_notified
      AND EXISTS (SELECT 1 FROM invitations i WHERE i.round_id = r.id AND i.rater_group <> 'self'
                  GROUP BY i.rater_group
                  HAVING count(*) FILTER (WHERE i.status <> 'declined') >= r.threshold)
      AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.round_id = r.id AND i.rater_group <> 'self'
                      GROUP BY i.rater_group
                      HAVING count(*) FILTER (WHERE i.status <> 'declined') >= r.threshold
                         AND count(*) FILTER (WHERE i.status = 'completed') < r.threshold)
    FOR UPDATE OF r SKIP LOCKED
), marked AS (
    UPDATE rounds SET threshold_notified = true FROM reached WHERE rounds.id = reached.id
    RETURNING rounds.id
)
INSERT INTO outbox (message_id, purpose, round_id, recipient, recipient_name)
SELECT '<' || gen_random_uuid() || '@' || $1 || '>', 'threshold_reached', m.id, c.email, c.name
FROM marked m
JOIN reached x ON x.id = m.id
JOIN accounts c ON c.id = x.coach_id
RETURNING id;
