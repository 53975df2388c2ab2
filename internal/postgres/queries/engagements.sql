-- name: create-engagement
INSERT INTO engagements (coach_id, leader_name, leader_email, sponsor_name, sponsor_email,
                         sponsor_organisation, instrument, threshold, superior_identifiable)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id;

-- name: get-engagement
-- $2 is the asking coach; an admin ($3) sees every engagement.
SELECT id, coach_id, leader_name, leader_email, sponsor_name, sponsor_email, sponsor_organisation,
       instrument, threshold, superior_identifiable, created_at
FROM engagements
WHERE id = $1 AND (coach_id = $2 OR $3);

-- name: list-engagements
SELECT id, coach_id, leader_name, leader_email, sponsor_name, sponsor_email, sponsor_organisation,
       instrument, threshold, superior_identifiable, created_at
FROM engagements
WHERE coach_id = $1 OR $2
ORDER BY created_at DESC, id;

-- name: engagement-has-answers
-- Run after locking the engagement row, so no submission can slip in between check and change.
SELECT EXISTS (
    SELECT 1 FROM invitations i JOIN rounds r ON r.id = i.round_id
    WHERE r.engagement_id = $1 AND i.status = 'completed'
);

-- name: update-anonymity
UPDATE engagements SET threshold = $2, superior_identifiable = $3 WHERE id = $1;

-- name: lock-engagement
SELECT id FROM engagements WHERE id = $1 AND (coach_id = $2 OR $3) FOR UPDATE;
