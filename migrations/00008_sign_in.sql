-- Coaches and admins sign in with a password, in the browser, besides the API. An account may
-- hold several API tokens, each named, shown once and stored hashed; an admin may deactivate an
-- account, which signs it out everywhere and stops its tokens.

-- +goose Up

-- password_hash is an argon2id hash in the PHC string form; NULL until a password is set.
ALTER TABLE accounts
    ADD COLUMN password_hash  text,
    ADD COLUMN deactivated_at timestamptz;

-- An account's API tokens. Only the SHA-256 of a token is kept, as for survey links.
CREATE TABLE api_tokens (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       text NOT NULL,
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_tokens_account ON api_tokens (account_id, created_at);
INSERT INTO api_tokens (account_id, name, token_hash, created_at)
SELECT id, 'First token', token_hash, created_at FROM accounts;
ALTER TABLE accounts DROP COLUMN token_hash;

-- A signed-in browser. The cookie holds the session's token; only its hash is kept. A session
-- ends at expires_at, or earlier when unused for the idle time the service allows.
CREATE TABLE sessions (
    token_hash   bytea PRIMARY KEY,
    account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Failed sign-ins, counted per address tried (in EmailKey form, whether or not an account has
-- it) and per client address, to limit guessing. Rows older than the window are of no use.
CREATE TABLE sign_in_failures (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email_key text NOT NULL,
    client    text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email_key, at);
CREATE INDEX sign_in_failures_client ON sign_in_failures (client, at);

-- Emailed links that set a password: 'setup' for a new account, 'reset' for a forgotten
-- password. Single use, expiring, stored hashed.
CREATE TABLE password_links (
    token_hash bytea PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('setup', 'reset')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX password_links_account ON password_links (account_id);

-- +goose Down
DROP TABLE password_links, sign_in_failures, sessions;
ALTER TABLE accounts ADD COLUMN token_hash bytea;
UPDATE accounts a SET token_hash = (
    SELECT t.token_hash FROM api_tokens t WHERE t.account_id = a.id ORDER BY t.created_at LIMIT 1);
UPDATE accounts SET token_hash = sha256(convert_to(CAST(id AS text) || CAST(random() AS text), 'UTF8'))
WHERE token_hash IS NULL;
ALTER TABLE accounts ALTER COLUMN token_hash SET NOT NULL, ADD CONSTRAINT accounts_token_hash_key UNIQUE (token_hash);
DROP TABLE api_tokens;
ALTER TABLE accounts DROP COLUMN password_hash, DROP COLUMN deactivated_at;
