-- An admin may delete an engagement, with everything of it: raters, rounds, invitations, mail,
-- goals, its audit trail, and its releases and responses, the one change a frozen release
-- allows. The audit trail goes with the engagement, so the deletion itself is recorded in a
-- table of its own, with who deleted which engagement and when, and nothing of what it held.

-- +goose Up

-- engagement_id refers to nothing: the engagement is gone. No leader name, no counts: a
-- deletion record must not keep what the deletion removed.
CREATE TABLE deletions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    engagement_id uuid NOT NULL UNIQUE,
    account_id    uuid REFERENCES accounts (id),
    at            timestamptz NOT NULL DEFAULT now()
);

-- Results and responses still never change, and are deleted only by delete_engagement below,
-- for rows of the one engagement it names, in its own transaction: the setting it sets is local
-- to that transaction, and it clears it again before it returns. This guards against the
-- service's own mistakes, not against whoever holds its database credentials: a session of the
-- same role can set the setting too. TRUNCATE, which no row trigger sees, is refused as well.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(current_setting('threesixty.deleting_engagement', true), '') <> ''
       AND current_setting('threesixty.deleting_engagement', true)
           = (SELECT CAST(r.engagement_id AS text) FROM rounds r WHERE r.id = OLD.round_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% rows never change once written', TG_TABLE_NAME;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER results_no_truncate BEFORE TRUNCATE ON results FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER responses_no_truncate BEFORE TRUNCATE ON responses FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Deletes an engagement and everything that refers to it, in the order the foreign keys need.
-- The open round's rows are locked first, so that a close running at the same moment either
-- finishes before (and has dropped the round's own tables) or waits and finds nothing; then the
-- invitations and messages, so that a worker minting a link or keeping a message meanwhile
-- waits, and finds nothing, rather than making a row the deletes below would trip over.
-- +goose StatementBegin
CREATE FUNCTION delete_engagement(engagement uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    open_round uuid;
BEGIN
    FOR open_round IN SELECT id FROM rounds WHERE engagement_id = engagement AND status = 'open' FOR UPDATE LOOP
        PERFORM drop_round_storage(open_round);
    END LOOP;
    PERFORM 1 FROM invitations i JOIN rounds r ON r.id = i.round_id WHERE r.engagement_id = engagement FOR UPDATE OF i;
    PERFORM 1 FROM outbox o JOIN rounds r ON r.id = o.round_id WHERE r.engagement_id = engagement FOR UPDATE OF o;
    DELETE FROM mailbox WHERE message_id IN (
        SELECT o.message_id FROM outbox o JOIN rounds r ON r.id = o.round_id WHERE r.engagement_id = engagement);
    DELETE FROM outbox o USING rounds r WHERE r.id = o.round_id AND r.engagement_id = engagement;
    DELETE FROM invitation_tokens t USING invitations i, rounds r
    WHERE i.id = t.invitation_id AND r.id = i.round_id AND r.engagement_id = engagement;
    DELETE FROM invitations i USING rounds r WHERE r.id = i.round_id AND r.engagement_id = engagement;
    DELETE FROM reminder_runs x USING rounds r WHERE r.id = x.round_id AND r.engagement_id = engagement;
    PERFORM set_config('threesixty.deleting_engagement', CAST(engagement AS text), true);
    DELETE FROM responses x USING rounds r WHERE r.id = x.round_id AND r.engagement_id = engagement;
    DELETE FROM results x USING rounds r WHERE r.id = x.round_id AND r.engagement_id = engagement;
    PERFORM set_config('threesixty.deleting_engagement', '', true);
    DELETE FROM rounds WHERE engagement_id = engagement;
    DELETE FROM goals WHERE engagement_id = engagement; -- check-ins go with their goal
    DELETE FROM audit_trail WHERE engagement_id = engagement;
    DELETE FROM raters WHERE engagement_id = engagement;
    DELETE FROM engagements WHERE id = engagement;
END
$$;
-- +goose StatementEnd

-- +goose Down

-- The deletions are what a restore from an older backup must be told to replay: refuse, rather
-- than drop them.
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM deletions) THEN
        RAISE EXCEPTION 'engagements have been deleted; this migration cannot be undone';
    END IF;
END
$$;
-- +goose StatementEnd
DROP TRIGGER results_no_truncate ON results;
DROP TRIGGER responses_no_truncate ON responses;
DROP FUNCTION delete_engagement(uuid);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows never change once written', TG_TABLE_NAME;
END
$$;
-- +goose StatementEnd

DROP TABLE deletions;
