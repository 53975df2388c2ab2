-- name: rater-keys
SELECT email_key FROM raters WHERE engagement_id = $1;

-- name: create-rater
INSERT INTO raters (engagement_id, name, email, email_key, rater_group, sponsor)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id;

-- name: list-raters
SELECT id, name, email, rater_group, sponsor FROM raters WHERE engagement_id = $1 ORDER BY created_at, id;

-- name: remove-rater
-- Only a rater who was never invited can go; their additions in the audit trail keep the entry
-- and lose the reference.
DELETE FROM raters r
WHERE r.engagement_id = $1 AND r.id = $2
  AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.rater_id = r.id)
RETURNING r.id, r.name, r.email, r.rater_group, r.sponsor;

-- name: rater-invited
SELECT EXISTS (SELECT 1 FROM invitations i JOIN raters r ON r.id = i.rater_id
               WHERE r.engagement_id = $1 AND r.id = $2);
