-- name: coach-by-token
SELECT id, email, name, is_admin FROM coaches WHERE token_hash = $1;

-- name: create-coach
INSERT INTO coaches (email, name, is_admin, token_hash)
VALUES ($1, $2, $3, $4)
RETURNING id, email, name, is_admin;
