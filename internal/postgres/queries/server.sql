-- name: durability
-- The settings that decide whether a committed change survives a crash, as this connection sees
-- them (synchronous_commit can be changed per session, even from the connection string).
SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit,
       current_setting('full_page_writes') AS full_page_writes;
