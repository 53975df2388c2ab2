-- Coaching sessions: the meetings of coach and leader. A session is seen, and changed, by
-- whoever may see its engagement (visible_to): another coach's session is not found, exactly
-- like one that does not exist. Its notes are the coach's alone: every read returns them only
-- to the account that runs the engagement ($2's account), and '' to anyone else who may see it
-- (an admin, the leader, the service).

-- name: count-coaching-sessions
-- Run after locking the engagement: the lock orders concurrent creates, so the count holds the
-- limit of sessions an engagement may have.
SELECT count(*) FROM coaching_sessions WHERE engagement_id = $1;

-- name: create-coaching-session
INSERT INTO coaching_sessions (engagement_id, held_on, minutes, notes)
VALUES ($1, $2, $3, $4)
RETURNING id;

-- name: get-coaching-session
SELECT s.id, s.engagement_id, s.held_on, s.minutes,
       CASE WHEN e.coach_id = (CAST($2 AS actor)).account THEN s.notes ELSE '' END AS notes,
       s.created_at, s.updated_at
FROM coaching_sessions s JOIN engagements e ON e.id = s.engagement_id
WHERE s.id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id);

-- name: list-coaching-sessions
-- An engagement's sessions in the order they were held, those of one day in the order they
-- were recorded.
SELECT s.id, s.engagement_id, s.held_on, s.minutes,
       CASE WHEN e.coach_id = (CAST($2 AS actor)).account THEN s.notes ELSE '' END AS notes,
       s.created_at, s.updated_at
FROM coaching_sessions s JOIN engagements e ON e.id = s.engagement_id
WHERE s.engagement_id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id)
ORDER BY s.held_on, s.created_at, s.id;

-- name: coaching-session-engagement
-- The engagement of a session the actor may see, so that a change to the session takes the
-- engagement's lock first, as a create does.
SELECT s.engagement_id
FROM coaching_sessions s JOIN engagements e ON e.id = s.engagement_id
WHERE s.id = $1 AND visible_to(CAST($2 AS actor), e.coach_id, e.id);

-- name: lock-coaching-session
-- Run after locking the engagement: the session as it stands, notes and all, for the change
-- to apply to.
SELECT id, engagement_id, held_on, minutes, notes, created_at, updated_at
FROM coaching_sessions WHERE id = $1 AND engagement_id = $2
FOR UPDATE;

-- name: update-coaching-session
UPDATE coaching_sessions SET held_on = $2, minutes = $3, notes = $4, updated_at = clock_timestamp()
WHERE id = $1;

-- name: delete-coaching-session
DELETE FROM coaching_sessions WHERE id = $1;

-- name: first-coaching-session
-- The day of the engagement's earliest session, NULL when it has none: a start may not move
-- past a session already held.
SELECT min(held_on) FROM coaching_sessions WHERE engagement_id = $1;

-- name: forget-coaching-session-notes
-- Retention: the coach's notes of an engagement that has ended; the day and length of each
-- session stay, as its goals and check-ins do.
UPDATE coaching_sessions SET notes = '' WHERE engagement_id = $1 AND notes <> '';
