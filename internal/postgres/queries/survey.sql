-- name: create-invitation
INSERT INTO invitations (round_id, rater_id, rater_group)
VALUES ($1, $2, $3)
RETURNING id;

-- name: mint-tokens
-- The hashes of tokens minted for messages about to be sent, one per message, but none for an
-- invitation withdrawn (its rater erased) since the message was claimed. The share lock orders
-- this with an erasure, which withdraws and then deletes the invitation's tokens: either the
-- token is stored first and deleted, or the erasure comes first and nothing is stored.
INSERT INTO invitation_tokens (token_hash, invitation_id)
SELECT m.token_hash, i.id
FROM unnest(CAST($1 AS bytea[]), CAST($2 AS uuid[])) AS m(token_hash, invitation_id)
JOIN invitations i ON i.id = m.invitation_id
WHERE i.status <> 'withdrawn'
FOR SHARE OF i
RETURNING token_hash;

-- name: stop-reminders
UPDATE invitations SET reminders_stopped = true WHERE id = $1;

-- name: survey-access
-- What a survey link opens, with the anonymity settings its round's invitations stated.
SELECT i.id AS invitation_id, i.rater_group, i.status, r.id AS round_id, r.kind AS round_kind,
       r.status AS round_status, r.closes_at, r.instrument_version, e.leader_name, r.threshold,
       r.superior_identifiable, CASE WHEN r.status = 'open' THEN round_draft(r.id, i.id) END AS draft,
       e.time_zone, c.name AS coach_name
FROM invitation_tokens t
JOIN invitations i ON i.id = t.invitation_id
JOIN rounds r ON r.id = i.round_id
JOIN engagements e ON e.id = r.engagement_id
JOIN accounts c ON c.id = e.coach_id
WHERE t.token_hash = $1;

-- name: count-token-guess
-- Records one lookup that missed, for client $1 and, while that client is within its own limit
-- ($3), for every client together (the row '*', which no address can be), and returns both
-- counts in their current windows ($2 seconds long, each starting at its first miss); windows
-- long over are pruned on the way. A client over its own limit no longer adds to everyone's
-- count, so one address alone can never bring the ceiling down on everybody. Each miss locks
-- its client's row first and '*' second, so two misses at once cannot deadlock.
WITH pruned AS (
    DELETE FROM token_guesses WHERE window_start < now() - 6 * make_interval(secs => $2) AND client <> '*'
), mine AS (
    INSERT INTO token_guesses AS g (client, window_start, failures) VALUES ($1, now(), 1)
    ON CONFLICT (client) DO UPDATE SET
        failures = CASE WHEN g.window_start > now() - make_interval(secs => $2) THEN g.failures + 1 ELSE 1 END,
        window_start = CASE WHEN g.window_start > now() - make_interval(secs => $2) THEN g.window_start ELSE now() END
    RETURNING failures
), everyone AS (
    INSERT INTO token_guesses AS g (client, window_start, failures)
    SELECT '*', now(), 1 FROM mine WHERE mine.failures <= $3
    ON CONFLICT (client) DO UPDATE SET
        failures = CASE WHEN g.window_start > now() - make_interval(secs => $2) THEN g.failures + 1 ELSE 1 END,
        window_start = CASE WHEN g.window_start > now() - make_interval(secs => $2) THEN g.window_start ELSE now() END
    RETURNING failures
)
SELECT (SELECT failures FROM mine) AS client,
       coalesce((SELECT failures FROM everyone),
                (SELECT failures FROM token_guesses
                 WHERE client = '*' AND window_start > now() - make_interval(secs => $2)), 0) AS "all";

-- name: save-draft
-- save_draft (in the schema) writes to the round's own drafts table.
SELECT save_draft($1, $2);

-- name: submit-response
-- submit_response (in the schema) marks the invitation used and holds the response in the round's
-- own table, in one transaction; exactly one of concurrent submissions gets true.
SELECT submit_response($1, $2, $3);

-- name: decline-invitation
-- decline_invitation (in the schema) marks the invitation declined and holds its reason ($2, NULL
-- for none) in the round's own table, in one transaction.
SELECT decline_invitation($1, $2);
