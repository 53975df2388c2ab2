-- Found in review: a draft saved at the moment its invitation was used could outlive it, and a
-- worker whose lease ran out could still record the outcome of a message another worker holds.

-- +goose Up

-- Whatever statement changes an invitation's status, its draft goes with it. A trigger runs its
-- own statement with a fresh snapshot, so it also sees a draft saved by a transaction that
-- committed while the status change waited for its lock.
-- +goose StatementBegin
CREATE FUNCTION drop_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM drafts WHERE invitation_id = NEW.id;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER invitations_drop_draft AFTER UPDATE OF status ON invitations
    FOR EACH ROW WHEN (NEW.status <> 'pending') EXECUTE FUNCTION drop_draft();

-- Each claim has an id; a worker records outcomes only for messages its own claim still holds.
ALTER TABLE outbox ADD COLUMN lease uuid;

-- +goose Down
ALTER TABLE outbox DROP COLUMN lease;
DROP TRIGGER invitations_drop_draft ON invitations;
DROP FUNCTION drop_draft();
