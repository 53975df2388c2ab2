-- Erased raters (erased_at set) keep their row, scrubbed, for their invitations' sake; every
-- query that lists, checks, invites or removes raters leaves them out.

-- name: rater-keys
SELECT email_key FROM raters WHERE engagement_id = $1 AND erased_at IS NULL;

-- name: create-rater
INSERT INTO raters (engagement_id, name, email, email_key, rater_group, sponsor)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id;

-- name: list-raters
SELECT id, name, email, rater_group, sponsor FROM raters
WHERE engagement_id = $1 AND erased_at IS NULL
ORDER BY created_at, id;

-- name: remove-rater
-- Only a rater who was never invited can go; their additions in the audit trail keep the entry
-- and lose the reference.
DELETE FROM raters r
WHERE r.engagement_id = $1 AND r.id = $2 AND r.erased_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.rater_id = r.id)
RETURNING r.id, r.name, r.email, r.rater_group, r.sponsor;

-- name: rater-invited
SELECT EXISTS (SELECT 1 FROM invitations i JOIN raters r ON r.id = i.rater_id
               WHERE r.engagement_id = $1 AND r.id = $2 AND r.erased_at IS NULL);

-- name: raters-with-key
-- The raters, not yet erased, with the address whose EmailKey is $1, in every engagement the
-- actor $2 may see.
SELECT r.engagement_id, r.id
FROM raters r JOIN engagements e ON e.id = r.engagement_id
WHERE r.email_key = $1 AND r.erased_at IS NULL AND visible_to(CAST($2 AS actor), e.coach_id, e.id)
ORDER BY r.engagement_id, r.id;

-- name: scrub-rater
-- Run after locking the engagement. Returns the address the rater had, which the audit trail's
-- removals are searched for; no row when there is no such rater, or they were erased already.
-- The sponsor flag stays: known-superiors still needs it for a round the sponsor answered.
WITH before AS (
    SELECT id, email FROM raters
    WHERE engagement_id = $1 AND id = $2 AND erased_at IS NULL
    FOR UPDATE
)
UPDATE raters r SET name = 'Erased rater', email = '', email_key = 'erased:' || r.id, erased_at = now()
FROM before b
WHERE r.id = b.id
RETURNING b.email;

-- name: rater-erased
SELECT EXISTS (SELECT 1 FROM raters WHERE engagement_id = $1 AND id = $2 AND erased_at IS NOT NULL);

-- name: withdraw-invitations
-- The rater's pending invitations, in every round, open or closed; the invitations_drop_draft
-- trigger drops a draft with each. The share lock on each round orders this with a close, as a
-- decline is, so that the trigger never meets drafts being dropped. Completed and declined
-- invitations stay as they are: the round's counts must not change (see migration 00004).
WITH pending AS (
    SELECT i.id FROM invitations i JOIN rounds r ON r.id = i.round_id
    WHERE i.rater_id = $1 AND i.status = 'pending'
    FOR SHARE OF r
)
UPDATE invitations i SET status = 'withdrawn'
FROM pending p
WHERE i.id = p.id AND i.status = 'pending';

-- name: drop-rater-tokens
-- Every link of every invitation of the rater opens nothing from now on.
DELETE FROM invitation_tokens t USING invitations i
WHERE i.id = t.invitation_id AND i.rater_id = $1;

-- name: scrub-rater-mail
-- The rater's messages: queued ones are cancelled, and every one loses the address, the name and
-- the last error (a server's refusal often quotes the address). The lease goes too, so a worker
-- sending one right now records nothing for it afterwards.
UPDATE outbox o
SET status = CASE WHEN o.status = 'queued' THEN 'cancelled' ELSE o.status END,
    recipient = '', recipient_name = '', last_error = NULL, lease = NULL, leased_until = NULL
FROM invitations i
WHERE i.id = o.invitation_id AND i.rater_id = $1;

-- name: drop-rater-kept-mail
-- Run after scrub-rater-mail. The kept copies (the demo's mailbox) of the rater's own messages,
-- and of the leader's messages that listed who was asked in a round the rater was invited to.
DELETE FROM mailbox m USING outbox o
WHERE o.message_id = m.message_id
  AND (o.invitation_id IN (SELECT id FROM invitations WHERE rater_id = $1)
       OR (o.round_id IN (SELECT round_id FROM invitations WHERE rater_id = $1)
           AND (o.purpose = 'raters_added'
                OR (o.purpose = 'invitation'
                    AND EXISTS (SELECT 1 FROM invitations s WHERE s.id = o.invitation_id AND s.rater_group = 'self')))));

-- name: removed-raters
-- The rater_removed entries of the audit trail of engagement $1 (of every engagement the actor
-- $2 may see, when $1 is NULL), with the address each names: their detail keeps the name and
-- address of a rater whose row is gone.
SELECT t.id, t.engagement_id, coalesce(t.detail->>'email', '') AS email
FROM audit_trail t JOIN engagements e ON e.id = t.engagement_id
WHERE t.action = 'rater_removed' AND t.detail ? 'email'
  AND (CAST($1 AS uuid) IS NULL OR t.engagement_id = $1)
  AND visible_to(CAST($2 AS actor), e.coach_id, e.id);

-- name: scrub-removed-raters
UPDATE audit_trail SET detail = detail - 'name' - 'email'
WHERE id = ANY(CAST($1 AS bigint[])) AND action = 'rater_removed';
