-- The first schema: accounts, instruments, engagements, raters, rounds, invitations, responses.
-- Words are the product's words: one concept, one name, in Go, SQL, the API and pages.

-- +goose Up
CREATE TABLE coaches (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email      text NOT NULL,
    name       text NOT NULL,
    is_admin   boolean NOT NULL DEFAULT false,
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX coaches_email ON coaches (lower(email));

-- An instrument version is immutable: its id is the SHA-256 of the file it was parsed from, and
-- the source is kept so a round can always be shown and reported with the version it pinned.
CREATE TABLE instrument_versions (
    version    text PRIMARY KEY,
    instrument text NOT NULL,
    title      text NOT NULL,
    source     bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX instrument_versions_instrument ON instrument_versions (instrument, created_at);

CREATE TABLE engagements (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    coach_id              uuid NOT NULL REFERENCES coaches (id),
    leader_name           text NOT NULL,
    leader_email          text NOT NULL,
    sponsor_name          text,
    sponsor_email         text,
    sponsor_organisation  text,
    instrument            text NOT NULL,
    threshold             int NOT NULL CHECK (threshold BETWEEN 2 AND 10),
    superior_identifiable boolean NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX engagements_coach ON engagements (coach_id, created_at);

-- Raters' names and emails exist for sending and reminding only; no answer is ever stored here.
CREATE TABLE raters (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    engagement_id uuid NOT NULL REFERENCES engagements (id),
    name          text NOT NULL,
    email         text NOT NULL,
    rater_group   text NOT NULL CHECK (rater_group IN ('superior', 'peer', 'direct_report', 'other')),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX raters_email ON raters (engagement_id, lower(email));

CREATE TABLE rounds (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    engagement_id      uuid NOT NULL REFERENCES engagements (id),
    kind               text NOT NULL CHECK (kind IN ('baseline', 'midpoint', 'closing')),
    instrument_version text NOT NULL REFERENCES instrument_versions (version),
    status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at          timestamptz NOT NULL DEFAULT now(),
    closes_at          timestamptz NOT NULL,
    closed_at          timestamptz
);
CREATE UNIQUE INDEX rounds_one_open ON rounds (engagement_id) WHERE status = 'open';
CREATE INDEX rounds_engagement ON rounds (engagement_id, opened_at);

-- An invitation records only whether it was used (status), never when, never what was answered.
CREATE TABLE invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id    uuid NOT NULL REFERENCES rounds (id),
    rater_id    uuid REFERENCES raters (id), -- NULL for the leader's self-assessment
    rater_group text NOT NULL CHECK (rater_group IN ('self', 'superior', 'peer', 'direct_report', 'other')),
    token_hash  bytea NOT NULL UNIQUE,
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'declined'))
);
CREATE INDEX invitations_round ON invitations (round_id);

-- A draft is sealed with a key derived from the rater's token, which the database never holds.
-- Drafts are deleted at submission and, for everyone, when the round closes.
CREATE TABLE drafts (
    invitation_id uuid PRIMARY KEY REFERENCES invitations (id),
    sealed        bytea NOT NULL
);

-- Responses submitted while a round is open are held here. The submission and the invitation's
-- status change share a transaction, so they share a transaction id (xmin) and physical order;
-- at close every held response is copied to responses in random order, with new ids, in one
-- transaction, and deleted here, which severs both links.
CREATE TABLE held_responses (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id     uuid NOT NULL REFERENCES rounds (id),
    rater_group  text NOT NULL,
    submitted_on date NOT NULL,
    ratings      jsonb NOT NULL,
    comments     jsonb NOT NULL
);
CREATE INDEX held_responses_round ON held_responses (round_id);

-- A response has no column that points at an invitation, a rater or a token; its id is random and
-- its submission time is only a date.
CREATE TABLE responses (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id     uuid NOT NULL REFERENCES rounds (id),
    rater_group  text NOT NULL CHECK (rater_group IN ('self', 'superior', 'peer', 'direct_report', 'other')),
    submitted_on date NOT NULL,
    ratings      jsonb NOT NULL,
    comments     jsonb NOT NULL
);
CREATE INDEX responses_round ON responses (round_id);

-- Failed survey-link lookups per client address and minute, shared by every instance, so that
-- guessing tokens is slowed down however many instances serve.
CREATE TABLE token_guesses (
    client       text NOT NULL,
    minute       timestamptz NOT NULL,
    failures     int NOT NULL,
    PRIMARY KEY (client, minute)
);
CREATE INDEX token_guesses_minute ON token_guesses (minute);

-- +goose Down
DROP TABLE token_guesses, responses, held_responses, drafts, invitations, rounds, raters,
    engagements, instrument_versions, coaches;
