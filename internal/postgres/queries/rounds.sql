-- name: open-round-of
-- The engagement's open round and whether anyone but the leader has answered it. FOR SHARE: a
-- close waits for the raters being invited, or they are not invited to a round that has just
-- closed.
SELECT r.id, EXISTS (SELECT 1 FROM invitations i WHERE i.round_id = r.id AND i.rater_group <> 'self'
                     AND i.status = 'completed') AS answered
FROM rounds r WHERE r.engagement_id = $1 AND r.status = 'open' FOR SHARE OF r;

-- name: create-round
-- The round keeps the engagement's anonymity settings: what its invitations state, and what its
-- release will use.
INSERT INTO rounds (engagement_id, kind, instrument_version, closes_at, threshold,
                    superior_identifiable, reminder_after_days, reminder_before_close_days,
                    reminder_limit)
SELECT e.id, $2, $3, $4, e.threshold, e.superior_identifiable, $5, $6, $7
FROM engagements e WHERE e.id = $1
RETURNING id;

-- name: create-round-storage
-- The round's own tables of drafts, held responses and held decline reasons, dropped again when
-- it closes.
SELECT create_round_storage($1);

-- name: get-round
SELECT r.id, r.engagement_id, r.kind, r.status, v.instrument, r.instrument_version, r.threshold,
       r.superior_identifiable, r.opened_at, r.closes_at, r.closed_at, r.released_at,
       r.reminder_after_days, r.reminder_before_close_days, r.reminder_limit,
       round_progress(r.id) AS progress
FROM rounds r
JOIN engagements e ON e.id = r.engagement_id
JOIN instrument_versions v ON v.version = r.instrument_version
WHERE r.id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id);

-- name: list-rounds
SELECT r.id, r.engagement_id, r.kind, r.status, v.instrument, r.instrument_version, r.threshold,
       r.superior_identifiable, r.opened_at, r.closes_at, r.closed_at, r.released_at,
       r.reminder_after_days, r.reminder_before_close_days, r.reminder_limit, NULL AS progress
FROM rounds r
JOIN instrument_versions v ON v.version = r.instrument_version
WHERE r.engagement_id = $1
ORDER BY r.opened_at, r.id;

-- name: close-round
-- Closes an open round the actor ($2) may see, queues the notice to its coach ($3 is the
-- Message-ID host) and returns the round. The row lock waits for submissions in flight (they
-- hold FOR SHARE on the round). Closing and releasing are one transaction, so a closed round
-- always has its results.
WITH closed AS (
    UPDATE rounds r SET status = 'closed', closed_at = now(), released_at = now()
    FROM engagements e JOIN accounts c ON c.id = e.coach_id
    WHERE r.id = $1 AND e.id = r.engagement_id AND visible_to(CAST($2 AS actor), e.coach_id, e.id)
      AND r.status = 'open'
    RETURNING r.id, r.engagement_id, r.kind, r.status,
              (SELECT v.instrument FROM instrument_versions v WHERE v.version = r.instrument_version) AS instrument,
              r.instrument_version, r.threshold, r.superior_identifiable, r.opened_at, r.closes_at,
              r.closed_at, r.released_at, r.reminder_after_days, r.reminder_before_close_days,
              r.reminder_limit, round_progress(r.id) AS progress, c.email AS coach_email,
              c.name AS coach_name
), notice AS (
    INSERT INTO outbox (message_id, purpose, round_id, recipient, recipient_name)
    SELECT '<' || gen_random_uuid() || '@' || $3 || '>', 'round_released', id, coach_email, coach_name
    FROM closed
)
SELECT id, engagement_id, kind, status, instrument, instrument_version, threshold,
       superior_identifiable, opened_at, closes_at, closed_at, released_at, reminder_after_days,
       reminder_before_close_days, reminder_limit, progress
FROM closed;

-- name: held-responses
-- Run right after close-round, as its own statement, so that its snapshot includes every
-- submission the close waited for.
SELECT rater_group, ratings, comments FROM round_held_responses($1);

-- name: known-superiors
-- How many of the round's superior responses a reader knows the author of: the sponsor's, when
-- the sponsor answered. Which response is theirs is recorded nowhere.
SELECT count(*) FROM invitations i JOIN raters ra ON ra.id = i.rater_id
WHERE i.round_id = $1 AND i.status = 'completed' AND ra.sponsor;

-- name: keep-responses
-- keep_responses (in the schema) moves the held responses to responses for good; $2 and $3 pair
-- each kept rater group with the published group it was counted in.
SELECT keep_responses($1, $2, $3);

-- name: held-decline-reasons
-- Run right after close-round, as its own statement, so that its snapshot includes every decline
-- the close waited for.
SELECT round_held_decline_reasons($1);

-- name: round-raters-declined
-- How many raters declined the round: the threshold its reasons' counts must reach. The leader's
-- own self-assessment, declined without a reason, is not among them.
SELECT count(*) FROM invitations WHERE round_id = $1 AND status = 'declined' AND rater_group <> 'self';

-- name: save-decline-reasons
-- The counts per reason a release keeps; the reasons themselves go with the round's tables.
INSERT INTO decline_reasons (round_id, reason, count)
SELECT $1, reason, count FROM unnest(CAST($2 AS text[]), CAST($3 AS int[])) AS c(reason, count);

-- name: get-decline-reasons
SELECT reason, count FROM decline_reasons WHERE round_id = $1;

-- name: drop-round-storage
-- Drops the round's tables of drafts, held responses and held decline reasons, files and all:
-- after close nothing of what its raters answered or why they declined is left beside their
-- invitations, not even in dead rows.
SELECT drop_round_storage($1);

-- name: save-results
INSERT INTO results (round_id, snapshot) VALUES ($1, $2);

-- name: get-results
SELECT snapshot FROM results WHERE round_id = $1;

-- name: due-rounds
-- Open rounds whose closing time has passed, but those in $2 (that failed to close just now):
-- the scheduler closes and releases them. In random order, so that instances running at once
-- mostly take different rounds.
SELECT id FROM rounds
WHERE status = 'open' AND closes_at <= now() AND id <> ALL (CAST($2 AS uuid[]))
ORDER BY random() LIMIT $1;

-- name: count-releases
SELECT count(*) FROM results;

-- name: report-people
-- The names a released round's report is prepared for and by.
SELECT e.leader_name, c.name AS coach_name
FROM rounds r JOIN engagements e ON e.id = r.engagement_id JOIN accounts c ON c.id = e.coach_id
WHERE r.id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id);

-- name: released-rounds
-- Every released round with a report (baselines, so far) the actor may see, oldest release
-- first, for rendering reports in bulk.
SELECT r.id, e.leader_name
FROM rounds r JOIN engagements e ON e.id = r.engagement_id
WHERE r.released_at IS NOT NULL AND r.kind = 'baseline' AND visible_to(CAST($1 AS actor), e.coach_id, e.id)
ORDER BY r.released_at, r.id;

-- name: save-comparison
INSERT INTO comparisons (round_id, baseline_round_id, snapshot) VALUES ($1, $2, $3);

-- name: round-comparison
SELECT snapshot FROM comparisons WHERE round_id = $1;

-- name: engagement-comparison
-- The comparison of the engagement's released closing round, when there is one.
SELECT c.round_id, c.snapshot FROM comparisons c JOIN rounds r ON r.id = c.round_id
WHERE r.engagement_id = $1;

-- name: released-baseline
-- The engagement's released baseline round.
SELECT id, instrument_version FROM rounds
WHERE engagement_id = $1 AND kind = 'baseline' AND released_at IS NOT NULL;

-- name: round-respondents
-- How many of each rater group answered a round: the counts the coach saw as progress.
SELECT rater_group, count(*) AS respondents FROM invitations
WHERE round_id = $1 AND status = 'completed' AND rater_group <> 'self'
GROUP BY rater_group;
