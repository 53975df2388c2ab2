-- A rater who declines may say why, choosing one of a fixed list of reasons (never free text).
-- Reasons are held like answers: while the round is open, in a third table of the round's own,
-- beside its drafts and held responses, holding the reason alone (no invitation, no group, no
-- time), dropped, files and all, in the transaction that closes the round. At release they
-- become counts per reason for the round, kept only when at least k raters declined: invitations
-- say who declined, so counts of fewer would tell what each of them said.

-- +goose Up

CREATE TABLE decline_reasons (
    round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    reason   text NOT NULL CHECK (reason IN ('not_close_enough', 'no_time', 'rather_not', 'other')),
    count    integer NOT NULL CHECK (count >= 0),
    PRIMARY KEY (round_id, reason)
);
CREATE TRIGGER decline_reasons_frozen BEFORE UPDATE ON decline_reasons
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER decline_reasons_no_truncate BEFORE TRUNCATE ON decline_reasons
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION create_round_storage(round uuid) RETURNS void LANGUAGE plpgsql AS $$
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
    PERFORM create_held_decline_reasons(round);
END
$$;

-- The reasons a round's decliners gave, one row a reason and nothing else: the database cannot
-- tie a reason to an invitation by any column, only, while the round is open, by transaction id
-- and physical order, as it can a held response.
CREATE FUNCTION create_held_decline_reasons(round uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($t$CREATE TABLE %I (
        reason text NOT NULL CHECK (reason IN ('not_close_enough', 'no_time', 'rather_not', 'other'))
    )$t$, round_table('held_decline_reasons', round));
END
$$;

CREATE OR REPLACE FUNCTION drop_round_storage(round uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TABLE %I, %I, %I', round_table('drafts', round), round_table('held_responses', round),
                   round_table('held_decline_reasons', round));
END
$$;

-- Declines a pending invitation of an open round, holding its reason (NULL for none) in the
-- round's own table, in one transaction, or neither: false when the invitation was used or
-- declined or the round takes no more answers. The share lock on the round makes a close wait
-- for declines in flight; the draft goes by the trigger on invitations. The leader declines
-- their self-assessment without a reason (the domain refuses one; this is the last guard).
CREATE FUNCTION decline_invitation(invitation uuid, reason text) RETURNS boolean LANGUAGE plpgsql AS $$
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
    UPDATE invitations SET status = 'declined' WHERE id = invitation AND status = 'pending'
    RETURNING round_id, rater_group INTO round, grp;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF reason IS NOT NULL THEN
        IF grp = 'self' THEN
            RAISE EXCEPTION 'a self-assessment is declined without a reason';
        END IF;
        EXECUTE format('INSERT INTO %I (reason) VALUES ($1)', round_table('held_decline_reasons', round)) USING reason;
    END IF;
    RETURN true;
END
$$;

-- The reasons held for a round, read at its close.
CREATE FUNCTION round_held_decline_reasons(round uuid) RETURNS SETOF text LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY EXECUTE format('SELECT reason FROM %I', round_table('held_decline_reasons', round));
END
$$;

-- Rounds open now get their table of reasons too.
DO $$
DECLARE
    open_round uuid;
BEGIN
    FOR open_round IN SELECT id FROM rounds WHERE status = 'open' LOOP
        PERFORM create_held_decline_reasons(open_round);
    END LOOP;
END
$$;
-- +goose StatementEnd

-- +goose Down

-- +goose StatementBegin
DO $$
DECLARE
    open_round uuid;
BEGIN
    FOR open_round IN SELECT id FROM rounds WHERE status = 'open' LOOP
        EXECUTE format('DROP TABLE %I', round_table('held_decline_reasons', open_round));
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION create_round_storage(round uuid) RETURNS void LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE FUNCTION drop_round_storage(round uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TABLE %I, %I', round_table('drafts', round), round_table('held_responses', round));
END
$$;
-- +goose StatementEnd

DROP FUNCTION round_held_decline_reasons(uuid), decline_invitation(uuid, text), create_held_decline_reasons(uuid);
DROP TABLE decline_reasons;
