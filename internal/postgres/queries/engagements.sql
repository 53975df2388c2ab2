-- Every query that reads or changes an engagement takes the asking actor as one parameter
-- (CAST($n AS actor)), and visible_to (in the schema) decides what it may see.

-- name: create-engagement
INSERT INTO engagements (coach_id, leader_name, leader_email, sponsor_name, sponsor_email,
                         sponsor_organisation, instrument, threshold, superior_identifiable,
                         rater_domains, time_zone, starts_on, planned_end_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
RETURNING id;

-- name: get-engagement
SELECT e.id, e.coach_id, c.email AS coach_email, c.name AS coach_name, e.leader_name, e.leader_email, e.sponsor_name,
       e.sponsor_email, e.sponsor_organisation, e.instrument, e.threshold, e.superior_identifiable,
       e.rater_domains, e.time_zone, e.starts_on, e.planned_end_on, e.nomination_allowed, e.archived_at, e.created_at
FROM engagements e JOIN accounts c ON c.id = e.coach_id
WHERE e.id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id);

-- name: list-engagements
SELECT e.id, e.coach_id, c.email AS coach_email, c.name AS coach_name, e.leader_name, e.leader_email, e.sponsor_name,
       e.sponsor_email, e.sponsor_organisation, e.instrument, e.threshold, e.superior_identifiable,
       e.rater_domains, e.time_zone, e.starts_on, e.planned_end_on, e.nomination_allowed, e.archived_at, e.created_at
FROM engagements e JOIN accounts c ON c.id = e.coach_id
WHERE visible_to(CAST($1 AS actor), e.coach_id, e.id)
ORDER BY e.created_at DESC, e.id;

-- name: lock-engagement
-- The engagement as get-engagement reads it, locked: the lock orders everything that changes an
-- engagement's raters, rounds or settings (adding raters while a round opens, opening two
-- rounds at once, changing settings while the first round opens).
SELECT e.id, e.coach_id, c.email AS coach_email, c.name AS coach_name, e.leader_name, e.leader_email, e.sponsor_name,
       e.sponsor_email, e.sponsor_organisation, e.instrument, e.threshold, e.superior_identifiable,
       e.rater_domains, e.time_zone, e.starts_on, e.planned_end_on, e.nomination_allowed, e.archived_at, e.created_at
FROM engagements e JOIN accounts c ON c.id = e.coach_id
WHERE e.id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id)
FOR NO KEY UPDATE OF e;

-- name: engagement-has-rounds
-- Run after locking the engagement: once a round has opened, its raters were told the settings.
SELECT EXISTS (SELECT 1 FROM rounds WHERE engagement_id = $1);

-- name: update-settings
UPDATE engagements SET threshold = $2, superior_identifiable = $3, rater_domains = $4, time_zone = $5,
                       nomination_allowed = $6, starts_on = $7, planned_end_on = $8
WHERE id = $1;

-- name: archive-engagement
-- Run after locking the engagement. Archiving twice keeps the first time.
UPDATE engagements SET archived_at = coalesce(archived_at, now()) WHERE id = $1;

-- name: record-change
-- One entry of the audit trail; $2 is the account that made the change, NULL for the service.
INSERT INTO audit_trail (engagement_id, account_id, action, rater_id, detail)
VALUES ($1, $2, $3, $4, $5);

-- name: audit-trail
SELECT t.action, t.at, t.detail, a.id AS "by.id", a.email AS "by.email", a.name AS "by.name",
       a.role AS "by.role", r.id AS "rater.id", r.name AS "rater.name", r.email AS "rater.email",
       r.rater_group AS "rater.rater_group", r.sponsor AS "rater.sponsor"
FROM audit_trail t
LEFT JOIN accounts a ON a.id = t.account_id
LEFT JOIN raters r ON r.id = t.rater_id
WHERE t.engagement_id = $1
ORDER BY t.id;

-- name: delete-engagement
-- delete_engagement (in the schema) deletes the engagement and everything of it, releases and
-- responses included, and drops its open round's own tables. Run after locking the engagement.
SELECT delete_engagement($1);

-- name: record-deletion
-- The engagement's audit trail has just gone with it: the deletion is recorded here, with who
-- made it ($2, NULL for the service) and when, and nothing else.
INSERT INTO deletions (engagement_id, account_id) VALUES ($1, $2);

-- name: ended-engagements
-- Engagements whose retention is due (retention_due, in the schema; $1 is the retention period
-- and $2 how long an unfinished engagement idles before it counts as ended, in seconds), at most
-- $3 at a time; lock-ended-engagement checks again under the lock.
SELECT e.id FROM engagements e
WHERE retention_due(e.id, $1, $2)
ORDER BY e.created_at, e.id
LIMIT $3;

-- name: lock-ended-engagement
-- Takes the engagement's lock (as lock-engagement does) only if its retention is still due,
-- checked again under the lock: a round opened since ended-engagements read it means no
-- retention, and one that holds nothing more (another instance has just forgotten it) is left
-- alone. An engagement locked right now (a coach at work, another instance) is skipped, not
-- waited for.
SELECT e.id FROM engagements e
WHERE e.id = $1 AND retention_due(e.id, $2, $3)
FOR NO KEY UPDATE OF e SKIP LOCKED;

-- name: unerased-raters
SELECT id FROM raters WHERE engagement_id = $1 AND erased_at IS NULL ORDER BY id;

-- name: drop-engagement-kept-mail
-- Retention, first: the kept copies (the demo's mailbox) of the engagement's messages, those
-- about a round and those to the leader about the engagement.
DELETE FROM mailbox m USING outbox o LEFT JOIN rounds r ON r.id = o.round_id
WHERE o.message_id = m.message_id AND (r.engagement_id = $1 OR o.engagement_id = $1);

-- name: drop-engagement-mail
-- Retention, second: outbox rows that are done with. None is queued once every round has closed
-- and the engagement's raters are erased, but one that is waits for its worker.
DELETE FROM outbox o
WHERE (o.round_id IN (SELECT id FROM rounds WHERE engagement_id = $1) OR o.engagement_id = $1)
  AND o.status <> 'queued';

-- name: drop-engagement-tokens
-- Retention, last: the tokens of the engagement's survey links, which open nothing once its
-- rounds have closed, and of its leader links, which expire with the engagement.
WITH leader AS (DELETE FROM leader_tokens WHERE engagement_id = $1)
DELETE FROM invitation_tokens t USING invitations i JOIN rounds r ON r.id = i.round_id
WHERE i.id = t.invitation_id AND r.engagement_id = $1;

-- name: scrub-engagement-removals
-- Retention: the names and addresses of every rater removed from the engagement's list, kept by
-- the audit trail's removals; the entries stay, with the group.
UPDATE audit_trail SET detail = detail - 'name' - 'email'
WHERE engagement_id = $1 AND action = 'rater_removed';
