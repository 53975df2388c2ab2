package postgres

import (
	"encoding/json"
	"strconv"
)

// readRatings decodes a stored ratings object, {"item-id": 4, "other-id": null, ...}. A release
// decodes every response of the round inside its transaction, and encoding/json spent as long on
// that as the whole aggregation; this reads the shape PostgreSQL writes jsonb in, and hands
// anything else to encoding/json.
func readRatings(b []byte) (map[string]*int, error) {
	out := make(map[string]*int, 48)
	values := make([]int, 0, 48) // one backing array for every rating of the response
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return slowRatings(b)
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return out, nil
	}
	for i < len(b) {
		if b[i] != '"' {
			return slowRatings(b)
		}
		end := i + 1
		for end < len(b) && b[end] != '"' && b[end] != '\\' {
			end++
		}
		if end >= len(b) || b[end] == '\\' {
			return slowRatings(b)
		}
		key := string(b[i+1 : end])
		i = skipSpace(b, end+1)
		if i >= len(b) || b[i] != ':' {
			return slowRatings(b)
		}
		i = skipSpace(b, i+1)
		start := i
		for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ' ' {
			i++
		}
		switch word := string(b[start:i]); word {
		case "null":
			out[key] = nil
		default:
			n, err := strconv.Atoi(word)
			if err != nil {
				return slowRatings(b)
			}
			values = append(values, n)
			out[key] = &values[len(values)-1]
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return slowRatings(b)
		}
		if b[i] == '}' {
			return out, nil
		}
		if b[i] != ',' {
			return slowRatings(b)
		}
		i = skipSpace(b, i+1)
	}
	return slowRatings(b)
}

func slowRatings(b []byte) (map[string]*int, error) {
	var out map[string]*int
	err := json.Unmarshal(b, &out)
	return out, err
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	return i
}
