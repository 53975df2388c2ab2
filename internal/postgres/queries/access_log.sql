-- name: record-access
-- One hand-out of results: $1 engagement, $2 round (NULL for an export), $3 the actor's kind,
-- $4 its account (NULL for the leader and the service), $5 what was handed out.
INSERT INTO access_log (engagement_id, round_id, actor_kind, account_id, action)
VALUES ($1, $2, $3, $4, $5);

-- name: audit-log
-- The admins' audit log: results handed out (access_log) and settings changed (audit_trail),
-- newest first, $3 at a time. The cursor ($1 time, $4 source, $5 id) is the last entry of the
-- page before; NULL for the first page. $2 keeps one engagement's entries, NULL every one's.
SELECT x.source, x.id, x.at, x.actor_kind, x.action, x.detail,
       e.id AS engagement_id, e.leader_name,
       coalesce(CAST(x.round_id AS text), '') AS round_id, coalesce(r.kind, '') AS round_kind,
       coalesce(CAST(a.id AS text), '') AS account_id, coalesce(a.email, '') AS account_email,
       coalesce(a.name, '') AS account_name, coalesce(a.role, '') AS account_role
FROM (
    SELECT 'v' AS source, l.id, l.at, l.actor_kind, l.account_id, l.engagement_id, l.round_id, l.action,
           CAST('{}' AS jsonb) AS detail
    FROM access_log l
    UNION ALL
    SELECT 's', t.id, t.at, CASE WHEN t.account_id IS NULL THEN 'service' ELSE 'account' END,
           t.account_id, t.engagement_id, NULL, t.action, t.detail
    FROM audit_trail t WHERE t.action = 'settings_changed'
) x
JOIN engagements e ON e.id = x.engagement_id
LEFT JOIN rounds r ON r.id = x.round_id
LEFT JOIN accounts a ON a.id = x.account_id
WHERE (CAST($2 AS uuid) IS NULL OR x.engagement_id = $2)
  AND (CAST($1 AS timestamptz) IS NULL OR (x.at, x.source, x.id) < (CAST($1 AS timestamptz), CAST($4 AS text), CAST($5 AS bigint)))
ORDER BY x.at DESC, x.source DESC, x.id DESC
LIMIT $3;
