-- Leader links expire with the engagement, as survey links do with their round: retention, once
-- an engagement has ended and the while has passed, forgets its leader tokens with its survey
-- tokens, and the leader's page answers as for any unknown link. The engagement, its releases,
-- goals and reports stay, for the coach, until it is deleted.

-- +goose Up

-- retention_due as in 00009, and an engagement also still holds something retention takes while a
-- leader token is left.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION retention_due(engagement uuid, after_secs float8, idle_secs float8) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT NOT EXISTS (SELECT 1 FROM rounds r WHERE r.engagement_id = engagement AND r.status = 'open')
       AND (EXISTS (SELECT 1 FROM rounds r WHERE r.engagement_id = engagement AND r.kind = 'closing'
                    AND r.released_at < now() - make_interval(secs => after_secs))
            OR coalesce((SELECT max(r.closed_at) FROM rounds r WHERE r.engagement_id = engagement),
                        (SELECT e.created_at FROM engagements e WHERE e.id = engagement))
               < now() - make_interval(secs => after_secs + idle_secs))
       AND (EXISTS (SELECT 1 FROM raters ra WHERE ra.engagement_id = engagement AND ra.erased_at IS NULL)
            OR EXISTS (SELECT 1 FROM nominations n WHERE n.engagement_id = engagement AND n.erased_at IS NULL)
            OR EXISTS (SELECT 1 FROM rounds r JOIN outbox o ON o.round_id = r.id
                       WHERE r.engagement_id = engagement AND o.status <> 'queued')
            OR EXISTS (SELECT 1 FROM rounds r JOIN invitations i ON i.round_id = r.id
                       JOIN invitation_tokens t ON t.invitation_id = i.id WHERE r.engagement_id = engagement)
            OR EXISTS (SELECT 1 FROM leader_tokens lt WHERE lt.engagement_id = engagement))
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION retention_due(engagement uuid, after_secs float8, idle_secs float8) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT NOT EXISTS (SELECT 1 FROM rounds r WHERE r.engagement_id = engagement AND r.status = 'open')
       AND (EXISTS (SELECT 1 FROM rounds r WHERE r.engagement_id = engagement AND r.kind = 'closing'
                    AND r.released_at < now() - make_interval(secs => after_secs))
            OR coalesce((SELECT max(r.closed_at) FROM rounds r WHERE r.engagement_id = engagement),
                        (SELECT e.created_at FROM engagements e WHERE e.id = engagement))
               < now() - make_interval(secs => after_secs + idle_secs))
       AND (EXISTS (SELECT 1 FROM raters ra WHERE ra.engagement_id = engagement AND ra.erased_at IS NULL)
            OR EXISTS (SELECT 1 FROM nominations n WHERE n.engagement_id = engagement AND n.erased_at IS NULL)
            OR EXISTS (SELECT 1 FROM rounds r JOIN outbox o ON o.round_id = r.id
                       WHERE r.engagement_id = engagement AND o.status <> 'queued')
            OR EXISTS (SELECT 1 FROM rounds r JOIN invitations i ON i.round_id = r.id
                       JOIN invitation_tokens t ON t.invitation_id = i.id WHERE r.engagement_id = engagement))
$$;
-- +goose StatementEnd
