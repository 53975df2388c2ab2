-- name: enqueue-messages
-- Queues messages in the caller's transaction, so a change and the mail it causes commit or
-- roll back together. $1 is the host part of Message-IDs; the arrays are one entry per message
-- ('' for no round, invitation or engagement).
INSERT INTO outbox (message_id, purpose, round_id, invitation_id, recipient, recipient_name, engagement_id)
SELECT '<' || gen_random_uuid() || '@' || $1 || '>', m.purpose, CAST(NULLIF(m.round_id, '') AS uuid),
       CAST(NULLIF(m.invitation_id, '') AS uuid), m.recipient, m.recipient_name,
       CAST(NULLIF(m.engagement_id, '') AS uuid)
FROM unnest(CAST($2 AS text[]), CAST($3 AS text[]), CAST($4 AS text[]), CAST($5 AS text[]), CAST($6 AS text[]),
            CAST($7 AS text[]))
     AS m(purpose, round_id, invitation_id, recipient, recipient_name, engagement_id);

-- name: claim-messages
-- Claims up to $1 due messages for $2 seconds. SKIP LOCKED lets workers of any number of
-- instances claim side by side, never the same message; a claim whose lease ran out (its worker
-- died mid-send) is due again. $3 names the claim: outcomes are recorded only under it. Returns
-- what the messages' text needs.
WITH claimed AS (
    SELECT id FROM outbox
    WHERE status = 'queued' AND next_attempt_at <= now()
      AND (leased_until IS NULL OR leased_until < now())
    ORDER BY next_attempt_at
    LIMIT $1
    FOR UPDATE SKIP LOCKED
), context AS (
    SELECT c.id, coalesce(r.kind, '') AS round_kind, coalesce(r.status, '') AS round_status,
           coalesce(r.closes_at, 'epoch') AS closes_at, coalesce(e.leader_name, '') AS leader_name,
           coalesce(co.name, '') AS coach_name, coalesce(co.email, '') AS coach_email,
           coalesce(e.time_zone, 'UTC') AS time_zone,
           coalesce(r.threshold, 0) AS threshold,
           coalesce(r.superior_identifiable, false) AS superior_identifiable,
           coalesce(i.rater_group, '') AS rater_group, coalesce(i.status, '') AS invitation_status,
           coalesce(i.reminders_stopped, false) AS reminders_stopped,
           coalesce(CAST(e.id AS text), '') AS engagement_id, e.archived_at IS NOT NULL AS archived
    FROM claimed c
    JOIN outbox o ON o.id = c.id
    LEFT JOIN rounds r ON r.id = o.round_id
    LEFT JOIN engagements e ON e.id = coalesce(o.engagement_id, r.engagement_id)
    LEFT JOIN accounts co ON co.id = e.coach_id
    LEFT JOIN invitations i ON i.id = o.invitation_id
)
UPDATE outbox o SET leased_until = now() + make_interval(secs => $2), lease = $3, attempts = o.attempts + 1
FROM context x
WHERE o.id = x.id
RETURNING o.id, o.message_id, o.purpose, o.recipient, o.recipient_name, o.attempts,
          coalesce(CAST(o.round_id AS text), '') AS round_id,
          coalesce(CAST(o.invitation_id AS text), '') AS invitation_id,
          x.round_kind, x.round_status, x.closes_at, x.leader_name, x.coach_name, x.coach_email, x.time_zone, x.threshold,
          x.superior_identifiable, x.rater_group, x.invitation_status, x.reminders_stopped,
          x.engagement_id, x.archived;

-- name: mint-leader-tokens
-- The hashes of leader tokens minted for messages about to be sent, one per message, but none
-- for an engagement archived since the message was claimed. The share lock orders this with an
-- archive or a rotation, which lock the engagement: either the token is stored first (and a
-- rotation deletes it), or the archive comes first and nothing is stored.
INSERT INTO leader_tokens (token_hash, engagement_id)
SELECT m.token_hash, e.id
FROM unnest(CAST($1 AS bytea[]), CAST($2 AS uuid[])) AS m(token_hash, engagement_id)
JOIN engagements e ON e.id = m.engagement_id
WHERE e.archived_at IS NULL
FOR SHARE OF e
RETURNING token_hash;

-- name: asked-in-round
-- Who was asked for feedback in a round, as the leader is told: names, addresses and groups, and
-- whether they were added after the round opened; never whether they answered. The address is
-- there so that a rater the leader knows by name, but at an address that is not theirs, stands
-- out: a group padded with answers the coach controls could otherwise pass under real names. An
-- erased rater is not named, nor counted: there is no one left to name.
SELECT ra.name, ra.email, ra.rater_group, ra.created_at > r.opened_at AS added
FROM invitations i
JOIN raters ra ON ra.id = i.rater_id
JOIN rounds r ON r.id = i.round_id
WHERE i.round_id = $1 AND ra.erased_at IS NULL
ORDER BY ra.name, ra.id;

-- name: mark-sent
-- Delivered: the message is done. Its text was never stored, so nothing is left to drop. Like
-- every outcome, recorded only by the claim ($2) that still holds the message, and only while
-- the message is queued: an erasure cancels a rater's messages, leased or not, and clears the
-- lease, and nothing a worker records afterwards may bring back an address or a reason. A sponsor
-- summary delivered is results handed out, by the service: the access log records it in the
-- same statement, so the entry exists exactly when the message is recorded as sent.
WITH sent AS (
    UPDATE outbox SET status = 'sent', sent_at = now(), leased_until = NULL, lease = NULL, last_error = NULL
    WHERE id = ANY(CAST($1 AS uuid[])) AND lease = $2 AND status = 'queued'
    RETURNING purpose, round_id, engagement_id
)
INSERT INTO access_log (engagement_id, round_id, actor_kind, action)
SELECT engagement_id, round_id, 'service', 'sponsor_summary_sent' FROM sent WHERE purpose = 'sponsor_summary';

-- name: enqueue-sponsor-summary
-- Queues the sponsor summary to the engagement's sponsor ($1), for the leader's latest consent
-- decision when it gives consent and the closing round is released; nothing without a sponsor's
-- address. Run in the transaction of a closing release, or of a consent decision after locking
-- the closing round (lock-closing-round), so that whichever of the two commits second sees the
-- other. A decision causes one message at most: a second try for it does nothing. $2 is the host
-- part of Message-IDs.
INSERT INTO outbox (message_id, purpose, round_id, engagement_id, sponsor_consent_id, recipient, recipient_name)
SELECT '<' || gen_random_uuid() || '@' || $2 || '>', 'sponsor_summary', r.id, e.id, c.id, e.sponsor_email,
       coalesce(e.sponsor_name, '')
FROM engagements e
JOIN rounds r ON r.engagement_id = e.id AND r.kind = 'closing' AND r.released_at IS NOT NULL
JOIN LATERAL (SELECT id, decision FROM sponsor_consents WHERE engagement_id = e.id ORDER BY id DESC LIMIT 1) c
     ON c.decision = 'given'
WHERE e.id = $1 AND coalesce(e.sponsor_email, '') <> ''
ON CONFLICT (sponsor_consent_id) DO NOTHING;

-- name: lock-closing-round
-- Run by a consent decision, after it is recorded: waits for a closing release in flight, which
-- holds the round's row, so that enqueue-sponsor-summary then sees it released.
SELECT id FROM rounds WHERE engagement_id = $1 AND kind = 'closing' FOR SHARE;

-- name: sponsor-summary-message
-- What decides whether a claimed sponsor summary ($1, the outbox id) still goes out: the consent
-- decision that queued it, the leader's latest decision and whether it gives consent, and the
-- engagement's sponsor address now.
SELECT CAST(o.engagement_id AS text) AS engagement_id, o.recipient, o.sponsor_consent_id,
       latest.id AS latest_consent_id, latest.decision AS latest_decision,
       coalesce(e.sponsor_email, '') AS sponsor_email
FROM outbox o
JOIN engagements e ON e.id = o.engagement_id
JOIN LATERAL (SELECT id, decision FROM sponsor_consents WHERE engagement_id = e.id ORDER BY id DESC LIMIT 1) latest
     ON true
WHERE o.id = $1 AND o.purpose = 'sponsor_summary';

-- name: retry-message
UPDATE outbox SET leased_until = NULL, lease = NULL, next_attempt_at = $3, last_error = $4
WHERE id = $1 AND lease = $2 AND status = 'queued';

-- name: end-message
-- A message that will not be sent: bounced (refused for good), failed (out of retries) or
-- cancelled (no longer wanted).
UPDATE outbox SET status = $3, leased_until = NULL, lease = NULL, last_error = $4
WHERE id = $1 AND lease = $2 AND status = 'queued';

-- name: keep-in-mailbox
-- Kept only while the message is queued. The share lock orders this with an erasure, which
-- cancels the message and then deletes its kept copy: either the copy is kept first and deleted,
-- or the erasure comes first and nothing is kept.
INSERT INTO mailbox (message_id, recipient, subject, text_body, html_body)
SELECT o.message_id, $2, $3, $4, $5 FROM outbox o
WHERE o.message_id = $1 AND o.status = 'queued'
FOR SHARE OF o
ON CONFLICT (message_id) DO NOTHING;

-- name: list-mailbox
SELECT m.message_id, m.recipient, m.subject, m.text_body, m.html_body, m.kept_at, o.purpose
FROM mailbox m JOIN outbox o ON o.message_id = m.message_id
ORDER BY m.kept_at DESC, m.message_id
LIMIT $1;

-- name: outbox-backlog
-- How many messages wait to be sent, and for how many seconds the one most overdue has been due.
-- A message waiting out a retry's backoff is queued but not due: counting from its creation would
-- raise an alarm for every greylisted message.
SELECT count(*) AS queued,
       coalesce(extract(epoch FROM now() - min(next_attempt_at) FILTER (WHERE next_attempt_at <= now())), 0)::float8 AS overdue
FROM outbox WHERE status = 'queued';

-- name: round-progress-of
-- A round's counts per group, for the notice that its threshold is reached.
SELECT round_progress($1);
