-- name: account-by-token
SELECT id, email, name, role FROM accounts WHERE token_hash = $1;

-- name: create-account
INSERT INTO accounts (email, email_key, name, role, token_hash)
VALUES ($1, $2, $3, $4, $5)
RETURNING id, email, name, role;

-- name: accounts-with-keys
-- Which of the addresses $1 (as EmailKey gives them) belong to an account of the service.
SELECT email_key FROM accounts WHERE email_key = ANY(CAST($1 AS text[]));
