-- Development goals and their check-ins. A goal is seen, and changed, by whoever may see its
-- engagement (visible_to): another coach's goal is not found, exactly like one that does not exist.

-- name: count-goals
-- Run after locking the engagement: the lock orders concurrent creates, so the count holds the
-- limit of goals an engagement may have.
SELECT count(*) FROM goals WHERE engagement_id = $1;

-- name: goal-instrument-version
-- The instrument version a goal's competencies are checked against: the one the engagement's
-- latest baseline or closing round pinned, since goals are set from a round's report (a midpoint
-- pulse pins one generated from the goals themselves); before any round, the newest stored
-- version of the engagement's instrument, which the service shipping it saved at start. NULL
-- when neither exists.
SELECT coalesce(
    (SELECT r.instrument_version FROM rounds r WHERE r.engagement_id = e.id AND r.kind <> 'midpoint'
     ORDER BY r.opened_at DESC, r.id DESC LIMIT 1),
    (SELECT v.version FROM instrument_versions v WHERE v.instrument = e.instrument
     ORDER BY v.created_at DESC, v.version LIMIT 1)) AS version
FROM engagements e WHERE e.id = $1;

-- name: create-goal
INSERT INTO goals (engagement_id, title, description, competencies, key_results)
VALUES ($1, $2, $3, $4, $5)
RETURNING id;

-- name: get-goal
-- The goal with its check-ins, oldest first.
SELECT g.id, g.engagement_id, g.title, g.description, g.competencies, g.key_results, g.created_at,
       g.updated_at,
       (SELECT coalesce(json_agg(json_build_object('id', c.id, 'note', c.note, 'status', c.status, 'at', c.at)
                                 ORDER BY c.at, c.id), '[]')
        FROM check_ins c WHERE c.goal_id = g.id) AS check_ins
FROM goals g JOIN engagements e ON e.id = g.engagement_id
WHERE g.id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id);

-- name: list-goals
-- An engagement's goals in the order they were set, each with its check-ins, oldest first.
SELECT g.id, g.engagement_id, g.title, g.description, g.competencies, g.key_results, g.created_at,
       g.updated_at,
       (SELECT coalesce(json_agg(json_build_object('id', c.id, 'note', c.note, 'status', c.status, 'at', c.at)
                                 ORDER BY c.at, c.id), '[]')
        FROM check_ins c WHERE c.goal_id = g.id) AS check_ins
FROM goals g JOIN engagements e ON e.id = g.engagement_id
WHERE g.engagement_id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id)
ORDER BY g.created_at, g.id;

-- name: lock-goal
-- The goal as it stands, locked, so that two changes at once are made one after the other and
-- neither is lost.
SELECT g.id, g.engagement_id, g.title, g.description, g.competencies, g.key_results, g.created_at,
       g.updated_at
FROM goals g JOIN engagements e ON e.id = g.engagement_id
WHERE g.id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id)
FOR UPDATE OF g;

-- name: update-goal
UPDATE goals SET title = $2, description = $3, competencies = $4, key_results = $5, updated_at = now()
WHERE id = $1;

-- name: delete-goal
-- Its check-ins go with it (ON DELETE CASCADE).
DELETE FROM goals g USING engagements e
WHERE g.id = $1 AND e.id = g.engagement_id AND visible_to(CAST($2 AS actor), e.coach_id, e.id)
RETURNING g.id;

-- name: add-check-in
INSERT INTO check_ins (goal_id, note, status)
SELECT g.id, $2, $3
FROM goals g JOIN engagements e ON e.id = g.engagement_id
WHERE g.id = $1 AND visible_to(CAST($4 AS actor), e.coach_id, e.id)
RETURNING id, note, status, at;
