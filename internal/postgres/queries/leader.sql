-- The leader's page: their link, the engagement's archive, shared reports, consent to a sponsor
-- summary and nominations. Every query that reads or changes an engagement takes the actor
-- (visible_to), as everywhere; a leader actor sees its own engagement only.

-- name: leader-access
-- What a leader link opens: its engagement, unless archived. An archived engagement's link opens
-- nothing, exactly like a link that never existed.
SELECT e.id AS engagement_id, e.leader_name, c.name AS coach_name, e.time_zone, e.nomination_allowed
FROM leader_tokens t
JOIN engagements e ON e.id = t.engagement_id
JOIN accounts c ON c.id = e.coach_id
WHERE t.token_hash = $1 AND e.archived_at IS NULL;

-- name: drop-leader-tokens
-- Run after locking the engagement: every leader link of the engagement opens nothing from now on.
DELETE FROM leader_tokens WHERE engagement_id = $1;

-- name: cancel-leader-mail
-- Run after locking an engagement being archived: its queued messages that carry only the
-- leader's link are not sent. The lease goes too, so a worker sending one right now records
-- nothing for it afterwards (and the token it minted was deleted with the others).
UPDATE outbox SET status = 'cancelled', lease = NULL, leased_until = NULL, last_error = 'the engagement is archived'
WHERE engagement_id = $1 AND status = 'queued' AND purpose IN ('report_shared', 'leader_link');

-- name: self-assessment
-- The leader's invitation to the engagement's round open now, if one is, and still taking answers.
SELECT i.id AS invitation_id, r.kind AS round_kind, r.closes_at, i.status
FROM rounds r
JOIN engagements e ON e.id = r.engagement_id
JOIN invitations i ON i.round_id = r.id AND i.rater_group = 'self'
WHERE r.engagement_id = $1 AND r.status = 'open' AND r.closes_at > now()
  AND visible_to(CAST($2 AS actor), e.coach_id, e.id);

-- name: mint-self-token
-- A fresh survey link for the leader's pending self invitation of an open round, handed to the
-- leader from their page. The share lock orders it with a close or a submission, as mint-tokens.
INSERT INTO invitation_tokens (token_hash, invitation_id)
SELECT $1, i.id
FROM invitations i JOIN rounds r ON r.id = i.round_id
WHERE i.id = $2 AND i.rater_group = 'self' AND i.status = 'pending' AND r.status = 'open' AND r.closes_at > now()
FOR SHARE OF i, r
RETURNING invitation_id;

-- name: round-shared
SELECT EXISTS (SELECT 1 FROM shared_reports WHERE round_id = $1);

-- name: share-report
-- Sharing twice keeps the first share; no row comes back for the second.
INSERT INTO shared_reports (round_id, account_id) VALUES ($1, $2)
ON CONFLICT (round_id) DO NOTHING
RETURNING shared_at;

-- name: shared-reports
-- The reports shared with the leader, oldest release first.
SELECT s.round_id, r.kind AS round_kind, r.released_at, s.shared_at
FROM shared_reports s
JOIN rounds r ON r.id = s.round_id
JOIN engagements e ON e.id = r.engagement_id
WHERE r.engagement_id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id)
ORDER BY r.released_at, r.id;

-- name: consent-history
-- The leader's consent to a sponsor summary, oldest first; the latest entry is where it stands.
SELECT decision, scope, at FROM sponsor_consents WHERE engagement_id = $1 ORDER BY id;

-- name: record-consent
-- Run after locking the engagement, so that two decisions at once are made one after the other.
INSERT INTO sponsor_consents (engagement_id, decision, scope) VALUES ($1, $2, $3);

-- name: list-nominations
-- An engagement's nominations in the order they were proposed: who, in which group, and where
-- the proposal stands; nothing of any invitation.
SELECT n.id, n.engagement_id, n.name, n.email, n.rater_group, n.status, n.proposed_at, n.decided_at, n.rater_id
FROM nominations n JOIN engagements e ON e.id = n.engagement_id
WHERE n.engagement_id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id)
ORDER BY n.proposed_at, n.id;

-- name: get-nomination
SELECT n.id, n.engagement_id, n.name, n.email, n.rater_group, n.status, n.proposed_at, n.decided_at, n.rater_id
FROM nominations n JOIN engagements e ON e.id = n.engagement_id
WHERE n.id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id);

-- name: lock-nomination
-- Run after locking its engagement: the nomination as it stands, locked until decided.
SELECT n.id, n.engagement_id, n.name, n.email, n.rater_group, n.status, n.proposed_at, n.decided_at, n.rater_id
FROM nominations n WHERE n.id = $1 AND n.engagement_id = $2
FOR UPDATE;

-- name: proposed-keys
-- Run after locking the engagement: the addresses waiting for the coach's decision.
SELECT email_key FROM nominations WHERE engagement_id = $1 AND status = 'proposed';

-- name: create-nomination
INSERT INTO nominations (engagement_id, name, email, email_key, rater_group)
VALUES ($1, $2, $3, $4, $5)
RETURNING id;

-- name: decide-nomination
-- $2 is approved or rejected, $3 the deciding account, $4 the rater an approval made.
UPDATE nominations SET status = $2, decided_at = now(), decided_by = $3, rater_id = $4
WHERE id = $1 AND status = 'proposed';

-- name: scrub-nominations
-- Erasure: the nominations of the erased rater ($2), or of their address (EmailKey $3), in the
-- engagement $1 lose name and address as the rater does.
UPDATE nominations SET name = 'Erased rater', email = '', email_key = 'erased:' || id, erased_at = now()
WHERE engagement_id = $1 AND erased_at IS NULL AND (rater_id = $2 OR email_key = $3);

-- name: scrub-nominations-with-key
-- Erasure by address: the nominations with EmailKey $1 in every engagement the actor $2 may see,
-- a rater or not; returns the engagements whose nominations changed.
UPDATE nominations n SET name = 'Erased rater', email = '', email_key = 'erased:' || n.id, erased_at = now()
FROM engagements e
WHERE e.id = n.engagement_id AND n.email_key = $1 AND n.erased_at IS NULL
  AND visible_to(CAST($2 AS actor), e.coach_id, e.id)
RETURNING n.engagement_id;

-- name: scrub-engagement-nominations
-- Retention: every nomination of the engagement loses name and address.
UPDATE nominations SET name = 'Erased rater', email = '', email_key = 'erased:' || id, erased_at = now()
WHERE engagement_id = $1 AND erased_at IS NULL;
