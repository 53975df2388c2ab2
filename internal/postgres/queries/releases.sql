-- name: save-release
INSERT INTO releases (round_id, results) VALUES ($1, $2);

-- name: get-release
SELECT results FROM releases WHERE round_id = $1;
