-- name: rater-emails
SELECT email FROM raters WHERE engagement_id = $1;

-- name: create-rater
INSERT INTO raters (engagement_id, name, email, rater_group)
VALUES ($1, $2, $3, $4)
RETURNING id;

-- name: list-raters
SELECT id, name, email, rater_group FROM raters WHERE engagement_id = $1 ORDER BY created_at, id;
