-- The schema of threesixty. Words are the product's words: one concept, one name, in Go, SQL, the
-- API and pages (see the README's table). A CHECK on every closed set of words is the backstop of
-- the rules the Go domain checks first.

-- +goose Up

-- Who is asking. Every query that reads or changes an engagement is made on behalf of an actor,
-- passed as one parameter of this type, and visible_to below is the one place that says what each
-- kind of actor may see.
CREATE TYPE actor AS (
    kind       text, -- 'account' (a coach or an admin), 'leader' (a link), 'service' (the scheduler)
    account    uuid, -- for 'account'
    role       text, -- the account's role: 'admin' or 'coach'
    engagement uuid  -- for link actors: the one engagement the link opens
);

-- Admins see every engagement, a coach the engagements they run, a link its engagement, the
-- service itself everything. A SQL function of one expression, so the planner inlines it.
CREATE FUNCTION visible_to(who actor, coach uuid, engagement uuid) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE (who).kind
        WHEN 'service' THEN true
        WHEN 'account' THEN (who).role = 'admin' OR coach = (who).account
        WHEN 'leader' THEN engagement = (who).engagement
        ELSE false
    END
$$;

-- Accounts are the people who run engagements: coaches, and admins who see every engagement.
-- email_key is the address in the normal form the domain compares addresses in (no case, no
-- +tag), so that no account can be slipped in as a rater under a variant of its address.
CREATE TABLE accounts (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email      text NOT NULL,
    email_key  text NOT NULL UNIQUE,
    name       text NOT NULL,
    role       text NOT NULL CHECK (role IN ('admin', 'coach')),
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

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

-- The anonymity settings (threshold, superior_identifiable) and the organisation's email domains
-- lock when the engagement's first round opens: from then on raters have been told them.
CREATE TABLE engagements (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    coach_id              uuid NOT NULL REFERENCES accounts (id),
    leader_name           text NOT NULL,
    leader_email          text NOT NULL,
    sponsor_name          text,
    sponsor_email         text,
    sponsor_organisation  text,
    instrument            text NOT NULL,
    threshold             int NOT NULL CHECK (threshold BETWEEN 3 AND 10),
    superior_identifiable boolean NOT NULL DEFAULT false,
    rater_domains         text[] NOT NULL DEFAULT '{}',
    created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX engagements_coach ON engagements (coach_id, created_at);

-- Raters' names and emails exist for sending and reminding only; no answer is ever stored here.
-- sponsor marks the engagement's sponsor, who may rate only as a superior: their answers are
-- known to a reader of what the sponsor is shown, and a release treats them so.
CREATE TABLE raters (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    engagement_id uuid NOT NULL REFERENCES engagements (id),
    name          text NOT NULL,
    email         text NOT NULL,
    email_key     text NOT NULL,
    rater_group   text NOT NULL CHECK (rater_group IN ('superior', 'peer', 'direct_report', 'other')),
    sponsor       boolean NOT NULL DEFAULT false CHECK (NOT sponsor OR rater_group = 'superior'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (engagement_id, email_key)
);

-- Who changed what of an engagement, and when: its creation, its settings, its rater list.
-- account_id is empty for the service itself.
CREATE TABLE audit_trail (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- the order of the changes
    engagement_id uuid NOT NULL REFERENCES engagements (id),
    account_id    uuid REFERENCES accounts (id),
    action        text NOT NULL CHECK (action IN ('engagement_created', 'settings_changed', 'rater_added', 'rater_removed', 'round_opened', 'round_closed')),
    rater_id      uuid REFERENCES raters (id) ON DELETE SET NULL,
    detail        jsonb NOT NULL DEFAULT '{}',
    at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_trail_engagement ON audit_trail (engagement_id, at);

-- A round keeps the anonymity settings its invitations stated, and its release uses exactly
-- those. An engagement has one baseline and one closing round, and one round open at a time.
CREATE TABLE rounds (
    id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    engagement_id              uuid NOT NULL REFERENCES engagements (id),
    kind                       text NOT NULL CHECK (kind IN ('baseline', 'midpoint', 'closing')),
    instrument_version         text NOT NULL REFERENCES instrument_versions (version),
    status                     text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    threshold                  int NOT NULL CHECK (threshold BETWEEN 3 AND 10),
    superior_identifiable      boolean NOT NULL,
    opened_at                  timestamptz NOT NULL DEFAULT now(),
    closes_at                  timestamptz NOT NULL,
    closed_at                  timestamptz,
    released_at                timestamptz,
    reminder_after_days        int NOT NULL CHECK (reminder_after_days BETWEEN 0 AND 60),
    reminder_before_close_days int NOT NULL CHECK (reminder_before_close_days BETWEEN 0 AND 60),
    reminder_limit             int NOT NULL CHECK (reminder_limit BETWEEN 0 AND 10),
    threshold_notified         boolean NOT NULL DEFAULT false,
    CHECK ((status = 'open') = (closed_at IS NULL) AND (closed_at IS NULL) = (released_at IS NULL))
);
CREATE UNIQUE INDEX rounds_one_open ON rounds (engagement_id) WHERE status = 'open';
CREATE UNIQUE INDEX rounds_one_baseline ON rounds (engagement_id) WHERE kind = 'baseline';
CREATE UNIQUE INDEX rounds_one_closing ON rounds (engagement_id) WHERE kind = 'closing';
CREATE INDEX rounds_engagement ON rounds (engagement_id, opened_at);
CREATE INDEX rounds_due ON rounds (closes_at) WHERE status = 'open';

-- An invitation records only whether it was used (status), never when, never what was answered.
CREATE TABLE invitations (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id          uuid NOT NULL REFERENCES rounds (id),
    rater_id          uuid REFERENCES raters (id), -- NULL for the leader's self-assessment
    rater_group       text NOT NULL CHECK (rater_group IN ('self', 'superior', 'peer', 'direct_report', 'other')),
    status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'declined')),
    reminders_sent    int NOT NULL DEFAULT 0,
    reminders_stopped boolean NOT NULL DEFAULT false
);
CREATE INDEX invitations_round ON invitations (round_id);

-- A survey link's token is minted when the message carrying it is sent, so no token ever waits
-- in the outbox. Every message carries a fresh one (the invitation, each reminder); all of an
-- invitation's tokens open it, until its round closes. Only hashes are stored.
CREATE TABLE invitation_tokens (
    token_hash    bytea PRIMARY KEY,
    invitation_id uuid NOT NULL REFERENCES invitations (id)
);
CREATE INDEX invitation_tokens_invitation ON invitation_tokens (invitation_id);

-- While a round is open, what its raters answer sits beside their invitations: drafts ("save and
-- finish later", which must open from any of an invitation's links) and held responses. A
-- submission marks its invitation used and holds the response in one transaction, so the two rows
-- share a transaction id (xmin) and physical order. A deleted row stays on its table's pages,
-- readable with pageinspect, until the space happens to be reused (a vacuum does not wipe it).
-- So each round keeps its drafts and held responses in tables of its own, made when it opens and
-- dropped, files and all, in the transaction that closes it. Tables of their own, not partitions
-- of one table: dropping a partition locks its parent against every other round's submissions,
-- and a prepared statement on a parent with thousands of partitions locks every one of them.
-- The functions below are the only way in; they name the round's tables.
-- +goose StatementBegin
CREATE FUNCTION round_table(kind text, round uuid) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT kind || '_' || replace(CAST(round AS text), '-', '')
$$;

CREATE FUNCTION create_round_storage(round uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TABLE %I (
        invitation_id uuid PRIMARY KEY,
        answers       jsonb NOT NULL
    )', round_table('drafts', round));
    EXECUTE format($t$CREATE TABLE %I (
        rater_group  text NOT NULL CHECK (rater_group IN ('self', 'superior', 'peer', 'direct_report', 'other')),
        submitted_on date NOT NULL,
        ratings      jsonb NOT NULL,
        comments     jsonb NOT NULL
    )$t$, round_table('held_responses', round));
END
$$;

CREATE FUNCTION drop_round_storage(round uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TABLE %I, %I', round_table('drafts', round), round_table('held_responses', round));
END
$$;

-- The draft an invitation saved in its open round, NULL when there is none (or the round has
-- closed and its tables are gone).
CREATE FUNCTION round_draft(round uuid, invitation uuid) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
DECLARE
    draft jsonb;
BEGIN
    IF to_regclass(round_table('drafts', round)) IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT answers FROM %I WHERE invitation_id = $1', round_table('drafts', round))
        INTO draft USING invitation;
    RETURN draft;
END
$$;

-- Keeps a draft for a pending invitation of an open round; false when it can no longer take one.
-- The share locks make a close wait for it.
CREATE FUNCTION save_draft(invitation uuid, answers jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    round uuid;
BEGIN
    SELECT i.round_id INTO round FROM invitations i JOIN rounds r ON r.id = i.round_id
    WHERE i.id = invitation AND i.status = 'pending' AND r.status = 'open' AND r.closes_at > now()
    FOR SHARE OF i, r;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    EXECUTE format('INSERT INTO %I (invitation_id, answers) VALUES ($1, $2)
                    ON CONFLICT (invitation_id) DO UPDATE SET answers = EXCLUDED.answers',
                   round_table('drafts', round)) USING invitation, answers;
    RETURN true;
END
$$;

-- Marks the invitation used and holds the response, in one transaction, or neither: false when
-- the invitation was used or declined or the round takes no more answers. Of concurrent
-- submissions on one invitation, the row lock lets exactly one through; the share lock on the
-- round makes a close wait for submissions in flight. The draft goes by the trigger below.
CREATE FUNCTION submit_response(invitation uuid, ratings jsonb, comments jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    round uuid;
    grp   text;
BEGIN
    PERFORM 1 FROM invitations i JOIN rounds r ON r.id = i.round_id
    WHERE i.id = invitation AND r.status = 'open' AND r.closes_at > now()
    FOR SHARE OF r;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    UPDATE invitations SET status = 'completed' WHERE id = invitation AND status = 'pending'
    RETURNING round_id, rater_group INTO round, grp;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    EXECUTE format('INSERT INTO %I (rater_group, submitted_on, ratings, comments)
                    VALUES ($1, CAST(now() AT TIME ZONE ''UTC'' AS date), $2, $3)',
                   round_table('held_responses', round)) USING grp, ratings, comments;
    RETURN true;
END
$$;

-- The responses held for a round, read at its close.
CREATE FUNCTION round_held_responses(round uuid)
RETURNS TABLE (rater_group text, ratings jsonb, comments jsonb) LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY EXECUTE format('SELECT rater_group, ratings, comments FROM %I', round_table('held_responses', round));
END
$$;

-- Whatever statement changes an invitation's status, its draft goes with it. A trigger runs its
-- own statement with a fresh snapshot, so it also sees a draft saved by a transaction that
-- committed while the status change waited for its lock.
CREATE FUNCTION drop_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass(round_table('drafts', NEW.round_id)) IS NOT NULL THEN
        EXECUTE format('DELETE FROM %I WHERE invitation_id = $1', round_table('drafts', NEW.round_id)) USING NEW.id;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER invitations_drop_draft AFTER UPDATE OF status ON invitations
    FOR EACH ROW WHEN (NEW.status <> 'pending') EXECUTE FUNCTION drop_draft();

-- A response, after close: one person's answers under the published group they were counted in
-- (a merged group's key such as 'peer+direct_report', never the finer rater group), so every
-- stored response could be any of at least k people, self and an identifiable superior group
-- excepted. Responses of raters whose group was left out are not kept. No column points at an
-- invitation, a rater or a token; ids are random, every response of a round is dated the day of
-- its close, and they are written by one transaction in random order.
CREATE TABLE responses (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id        uuid NOT NULL REFERENCES rounds (id),
    published_group text NOT NULL
                    CHECK (published_group ~ '^(self|superior|peer|direct_report|other)(\+(superior|peer|direct_report|other))*$'),
    submitted_on    date NOT NULL,
    ratings         jsonb NOT NULL,
    comments        jsonb NOT NULL
);
CREATE INDEX responses_round ON responses (round_id);

-- Moves a round's held responses to responses for good, each under the published group its rater
-- group was counted in (the pairs groups[i] -> published[i]; a group left out is not listed, and
-- its responses are not kept), all dated the day of the close (the day a response came in, set
-- against the days invitations were reminded, could say whose it is), with new random ids, in
-- random order: one statement, one transaction id, a physical order that owes nothing to when
-- anyone answered.
-- +goose StatementBegin
CREATE FUNCTION keep_responses(round uuid, groups text[], published text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('INSERT INTO responses (round_id, published_group, submitted_on, ratings, comments)
                    SELECT $1, m.published_group, CAST(now() AT TIME ZONE ''UTC'' AS date), h.ratings, h.comments
                    FROM %I h JOIN unnest($2, $3) AS m(rater_group, published_group) ON m.rater_group = h.rater_group
                    ORDER BY random()', round_table('held_responses', round)) USING round, groups, published;
END
$$;
-- +goose StatementEnd

-- A round's results, computed, audited and frozen in the transaction that closes it. The
-- snapshot is the exact JSON released (json, not jsonb: written once, read whole), stored
-- uncompressed; it names its own format, so its shape can change without breaking old ones.
CREATE TABLE results (
    round_id uuid PRIMARY KEY REFERENCES rounds (id),
    snapshot json NOT NULL
);
ALTER TABLE results ALTER COLUMN snapshot SET STORAGE EXTERNAL;

-- Neither results nor the responses behind them ever change; the database itself refuses, so no
-- code path can quietly regenerate a report after a late answer.
-- +goose StatementBegin
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows never change once written', TG_TABLE_NAME;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER results_frozen BEFORE UPDATE OR DELETE ON results
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER responses_frozen BEFORE UPDATE OR DELETE ON responses
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- One row per message. The body is rendered when it is sent, from the references here, so the
-- outbox never holds a survey link. message_id stays the same across retries; lease names the
-- claim that holds a message, and only that claim records its outcome.
CREATE TABLE outbox (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    message_id      text NOT NULL UNIQUE,
    purpose         text NOT NULL
                    CHECK (purpose IN ('invitation', 'reminder', 'threshold_reached', 'round_released', 'raters_added')),
    round_id        uuid REFERENCES rounds (id),
    invitation_id   uuid REFERENCES invitations (id),
    recipient       text NOT NULL,
    recipient_name  text NOT NULL,
    status          text NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'sent', 'bounced', 'failed', 'cancelled')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    leased_until    timestamptz,
    lease           uuid,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'queued';
-- Only undelivered invitations are looked up (progress counts them), so only they are indexed.
CREATE INDEX outbox_undelivered ON outbox (invitation_id) WHERE status IN ('bounced', 'failed');

-- Each scheduled reminder of a round runs once, whichever instance gets there first.
CREATE TABLE reminder_runs (
    round_id   uuid NOT NULL REFERENCES rounds (id),
    slot       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (round_id, slot)
);

-- Without an SMTP server (the demo), messages are kept here and shown on a local page instead.
CREATE TABLE mailbox (
    message_id text PRIMARY KEY REFERENCES outbox (message_id),
    recipient  text NOT NULL,
    subject    text NOT NULL,
    text_body  text NOT NULL,
    html_body  text NOT NULL,
    kept_at    timestamptz NOT NULL DEFAULT now()
);

-- Failed survey-link lookups, one row per client address and window: the check on every survey
-- request is then one primary-key probe.
CREATE TABLE token_guesses (
    client       text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    failures     int NOT NULL
);
CREATE INDEX token_guesses_window ON token_guesses (window_start);

-- A round's progress, counts per group only, as the coach sees it. A function, so that reading a
-- round and closing one give the same counts from one definition; PL/pgSQL, so that its plan is
-- cached per connection rather than made again at every call.
-- +goose StatementBegin
CREATE FUNCTION round_progress(round uuid) RETURNS json LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT coalesce(json_agg(p), '[]') FROM (
        SELECT i.rater_group AS "group",
               count(*) AS invited,
               count(*) FILTER (WHERE i.status = 'completed') AS completed,
               count(*) FILTER (WHERE i.status = 'declined') AS declined,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM outbox o
                                              WHERE o.invitation_id = i.id AND o.status = 'bounced')) AS bounced,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM outbox o
                                              WHERE o.invitation_id = i.id AND o.status = 'failed')) AS failed
        FROM invitations i
        WHERE i.round_id = round
        GROUP BY i.rater_group) p);
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP TABLE token_guesses, mailbox, reminder_runs, outbox, results, responses, invitation_tokens,
    invitations, rounds, audit_trail, raters, engagements, instrument_versions, accounts;
DROP FUNCTION round_progress(uuid), refuse_change(), drop_draft(), keep_responses(uuid, text[], text[]),
    round_held_responses(uuid), submit_response(uuid, jsonb, jsonb), save_draft(uuid, jsonb),
    round_draft(uuid, uuid), drop_round_storage(uuid), create_round_storage(uuid),
    round_table(text, uuid), visible_to(actor, uuid, uuid);
DROP TYPE actor;
