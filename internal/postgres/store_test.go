package postgres

import (
	"testing"
	"testing/fstest"
)

func TestReadQueries(t *testing.T) {
	q, err := readQueries(fstest.MapFS{"queries/a.sql": {Data: []byte("-- name: one\nSELECT 1;\n\n-- name: two\n-- a comment\nSELECT 2;\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if q["one"] != "SELECT 1;" || q["two"] != "-- a comment\nSELECT 2;" {
		t.Errorf("queries = %q", q)
	}
	_, err = readQueries(fstest.MapFS{"queries/a.sql": {Data: []byte("-- name: one\nSELECT 1;\n-- name: one\nSELECT 2;\n")}})
	if err == nil {
		t.Error("a query defined twice was accepted")
	}
}
