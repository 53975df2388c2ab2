-- name: account-by-token
SELECT a.id, a.email, a.name, a.role, a.deactivated_at, a.password_hash IS NOT NULL AS has_password
FROM api_tokens t JOIN accounts a ON a.id = t.account_id
WHERE t.token_hash = $1 AND a.deactivated_at IS NULL;

-- name: create-account
INSERT INTO accounts (email, email_key, name, role)
VALUES ($1, $2, $3, $4)
RETURNING id, email, name, role, deactivated_at, password_hash IS NOT NULL AS has_password;

-- name: create-api-token
INSERT INTO api_tokens (account_id, name, token_hash) VALUES ($1, $2, $3)
RETURNING id, name, created_at;

-- name: list-api-tokens
SELECT id, name, created_at FROM api_tokens WHERE account_id = $1 ORDER BY created_at, id;

-- name: revoke-api-token
DELETE FROM api_tokens WHERE id = $1 AND account_id = $2;

-- name: accounts-with-keys
-- Which of the addresses $1 (as EmailKey gives them) belong to an account of the service.
SELECT email_key FROM accounts WHERE email_key = ANY(CAST($1 AS text[]));

-- name: account-by-email
-- The account an address signs in to, with its password hash; deactivated accounts too, so that
-- they take as long to refuse as any other.
SELECT id, email, name, role, deactivated_at, password_hash IS NOT NULL AS has_password,
       coalesce(password_hash, '') AS password_hash
FROM accounts WHERE email_key = $1;

-- name: lock-sign-in
SELECT pg_advisory_xact_lock(hashtext('sign-in ' || $1));

-- name: sign-in-failures
-- Failed sign-ins within the window $3 seconds, for the address $1 and for the client $2.
SELECT
    (SELECT count(*) FROM sign_in_failures WHERE email_key = $1 AND at > now() - make_interval(secs => $3)) AS address,
    (SELECT count(*) FROM sign_in_failures WHERE client = $2 AND at > now() - make_interval(secs => $3)) AS client;

-- name: record-sign-in-failure
WITH forgotten AS (DELETE FROM sign_in_failures WHERE at < now() - interval '1 day')
INSERT INTO sign_in_failures (email_key, client) VALUES ($1, $2);

-- name: forget-sign-in-failures
DELETE FROM sign_in_failures WHERE email_key = $1;

-- name: create-session
-- A session for the account $2, ending $3 seconds from now; and, by the way, every session that
-- has ended is gone.
WITH ended AS (DELETE FROM sessions WHERE expires_at < now())
INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3));

-- name: session-account
-- The account of a session still in use ($2 is the idle time in seconds), marking it used.
UPDATE sessions s SET last_seen_at = now()
FROM accounts a
WHERE s.token_hash = $1 AND a.id = s.account_id AND a.deactivated_at IS NULL
  AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2)
RETURNING a.id, a.email, a.name, a.role, a.deactivated_at, a.password_hash IS NOT NULL AS has_password;

-- name: end-session
DELETE FROM sessions WHERE token_hash = $1;

-- name: end-sessions
DELETE FROM sessions WHERE account_id = $1;

-- name: set-password
UPDATE accounts SET password_hash = $2 WHERE id = $1 AND deactivated_at IS NULL;
