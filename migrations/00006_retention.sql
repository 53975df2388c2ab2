-- Retention: once an engagement has ended, and a while has passed, what it holds about its raters
-- and its mail goes: rater names and addresses (as an erasure takes them), kept mail, outbox rows
-- that are done with, and survey link tokens. The engagement, its releases and goals stay until
-- it is deleted. Whether retention is due is one definition, here, read by the scheduler's choice
-- of engagements and again under each one's lock.

-- +goose Up

-- retention_due says whether an engagement has ended more than after_secs ago and still holds
-- something retention takes. Ended: no round open, and either its closing round released, or
-- its last round closed (its creation, when it never opened one) idle_secs before that. What it
-- holds decides, not a mark, so an engagement that went on after a first retention is forgotten
-- again once it ends again.
-- +goose StatementBegin
CREATE FUNCTION retention_due(engagement uuid, after_secs float8, idle_secs float8) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT NOT EXISTS (SELECT 1 FROM rounds r WHERE r.engagement_id = engagement AND r.status = 'open')
       AND (EXISTS (SELECT 1 FROM rounds r WHERE r.engagement_id = engagement AND r.kind = 'closing'
                    AND r.released_at < now() - make_interval(secs => after_secs))
            OR coalesce((SELECT max(r.closed_at) FROM rounds r WHERE r.engagement_id = engagement),
                        (SELECT e.created_at FROM engagements e WHERE e.id = engagement))
               < now() - make_interval(secs => after_secs + idle_secs))
       AND (EXISTS (SELECT 1 FROM raters ra WHERE ra.engagement_id = engagement AND ra.erased_at IS NULL)
            OR EXISTS (SELECT 1 FROM rounds r JOIN outbox o ON o.round_id = r.id
                       WHERE r.engagement_id = engagement AND o.status <> 'queued')
            OR EXISTS (SELECT 1 FROM rounds r JOIN invitations i ON i.round_id = r.id
                       JOIN invitation_tokens t ON t.invitation_id = i.id WHERE r.engagement_id = engagement))
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION retention_due(uuid, float8, float8);
