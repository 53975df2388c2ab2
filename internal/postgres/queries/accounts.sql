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
-- Failed sign-ins within the window $3 seconds: for the address $1 from the client $2, for the
-- address from anywhere, and from the client for any address.
SELECT
    (SELECT count(*) FROM sign_in_failures WHERE email_key = $1 AND client = $2 AND at > now() - make_interval(secs => $3)) AS pair,
    (SELECT count(*) FROM sign_in_failures WHERE email_key = $1 AND at > now() - make_interval(secs => $3)) AS address,
    (SELECT count(*) FROM sign_in_failures WHERE client = $2 AND at > now() - make_interval(secs => $3)) AS client;

-- name: record-sign-in-failure
WITH forgotten AS (DELETE FROM sign_in_failures WHERE at < now() - interval '1 day')
INSERT INTO sign_in_failures (email_key, client) VALUES ($1, $2);

-- name: forget-sign-in-failures
DELETE FROM sign_in_failures WHERE email_key = $1;

-- name: forget-account-sign-in-failures
-- The failures counted against an account's address, forgotten once its password is set anew.
DELETE FROM sign_in_failures WHERE email_key = (SELECT email_key FROM accounts WHERE id = $1);

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

-- name: account-password
-- The password hash of an active account, to check the current password before a change.
SELECT coalesce(password_hash, '') FROM accounts WHERE id = $1 AND deactivated_at IS NULL;

-- name: get-account
SELECT id, email, name, role, deactivated_at, password_hash IS NOT NULL AS has_password
FROM accounts WHERE id = $1;

-- name: list-accounts
-- Every account, active ones first, each with how many engagements it runs.
SELECT a.id, a.email, a.name, a.role, a.deactivated_at, a.password_hash IS NOT NULL AS has_password,
       a.created_at, (SELECT count(*) FROM engagements e WHERE e.coach_id = a.id) AS engagements
FROM accounts a
ORDER BY a.deactivated_at IS NOT NULL, lower(a.name), a.id;

-- name: deactivate-account
-- Deactivated, the account signs in nowhere: its sessions, API tokens and unused password links
-- go (a reactivated account makes new ones), and its engagements stay.
WITH sessions AS (DELETE FROM sessions WHERE account_id = $1),
     tokens AS (DELETE FROM api_tokens WHERE account_id = $1),
     links AS (DELETE FROM password_links WHERE account_id = $1 AND used_at IS NULL)
UPDATE accounts SET deactivated_at = now() WHERE id = $1 AND deactivated_at IS NULL;

-- name: reactivate-account
UPDATE accounts SET deactivated_at = NULL WHERE id = $1 AND deactivated_at IS NOT NULL;

-- name: enqueue-password-link
-- Queues a set-up or reset message ($2) to the active account $3. The link is minted when the
-- message is sent (mint-password-links), so no token waits here. $1 is the Message-ID's host.
INSERT INTO outbox (message_id, purpose, account_id, recipient, recipient_name)
SELECT '<' || gen_random_uuid() || '@' || $1 || '>', $2, a.id, a.email, a.name
FROM accounts a WHERE a.id = $3 AND a.deactivated_at IS NULL;

-- name: lock-password-request
SELECT pg_advisory_xact_lock(hashtext('password request ' || $1));

-- name: request-password-reset
-- Records a request for a reset link for the address $2 (EmailKey form) from the client $3, and
-- queues the message when an active account has the address and neither the address nor the
-- client has asked too often within the window ($4 seconds; $5 per address, $6 per client). One
-- statement, whatever the answer, so the request takes as long for an address without an
-- account. $1 is the Message-ID's host.
WITH counts AS (
    SELECT (SELECT count(*) FROM password_requests WHERE email_key = $2 AND at > now() - make_interval(secs => $4)) AS address,
           (SELECT count(*) FROM password_requests WHERE client = $3 AND at > now() - make_interval(secs => $4)) AS client
), forgotten AS (
    DELETE FROM password_requests WHERE at < now() - interval '1 day'
), recorded AS (
    INSERT INTO password_requests (email_key, client) VALUES ($2, $3)
)
INSERT INTO outbox (message_id, purpose, account_id, recipient, recipient_name)
SELECT '<' || gen_random_uuid() || '@' || $1 || '>', 'password_reset', a.id, a.email, a.name
FROM accounts a, counts c
WHERE a.email_key = $2 AND a.deactivated_at IS NULL AND c.address < $5 AND c.client < $6;

-- name: mint-password-links
-- Stores a fresh link's hash ($1) for each claimed set-up or reset message ($2), expiring $3
-- seconds (set-up) or $4 seconds (reset) from now, and returns the hashes stored: none for an
-- account deactivated since the message was queued.
INSERT INTO password_links (token_hash, account_id, purpose, expires_at)
SELECT m.hash, a.id,
       CASE o.purpose WHEN 'password_setup' THEN 'setup' ELSE 'reset' END,
       now() + make_interval(secs => CASE o.purpose WHEN 'password_setup' THEN CAST($3 AS float8) ELSE CAST($4 AS float8) END)
FROM unnest(CAST($1 AS bytea[]), CAST($2 AS uuid[])) AS m(hash, message)
JOIN outbox o ON o.id = m.message
JOIN accounts a ON a.id = o.account_id AND a.deactivated_at IS NULL
RETURNING token_hash;

-- name: password-link
-- What a password link opens, while it is unused, unexpired and its account active.
SELECT a.id, a.email, a.name, a.role, a.deactivated_at, a.password_hash IS NOT NULL AS has_password, l.purpose
FROM password_links l JOIN accounts a ON a.id = l.account_id
WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND a.deactivated_at IS NULL;

-- name: use-password-link
-- Marks a usable link used and returns its account; two uses at once find one of them done.
UPDATE password_links SET used_at = now()
WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
RETURNING account_id;

-- name: end-password-links
-- An account's unused password links stop working once its password is set anew, by a link or otherwise.
DELETE FROM password_links WHERE account_id = $1 AND used_at IS NULL;
