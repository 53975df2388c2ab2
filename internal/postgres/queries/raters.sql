-- name: rater-keys
SELECT email_key FROM raters WHERE engagement_id = $1;

-- name: create-rater
INSERT INTO raters (engagement_id, name, email, email_key, rater_group, sponsor)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id;

-- name: list-raters
SELECT id, name, email, rater_group, sponsor FROM raters WHERE engagement_id = $1 ORDER BY created_at, id;
