package surveys

import (
	"errors"
	"fmt"
	"testing"
)

func TestProblemError(t *testing.T) {
	cases := []struct {
		problem Problem
		want    string
	}{
		{Problem{"leadership-360.yaml", 12, `unknown key "titel"`}, `leadership-360.yaml:12: unknown key "titel"`},
		{Problem{"empty.yaml", 0, "file is empty"}, "empty.yaml: file is empty"},
	}
	for _, tc := range cases {
		if got := tc.problem.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func TestProblemsError(t *testing.T) {
	ps := Problems{
		{"a.yaml", 1, `missing key "title"`},
		{"a.yaml", 7, "no items"},
	}
	want := "a.yaml:1: missing key \"title\"\na.yaml:7: no items"
	if got := ps.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}

	// Wrapped, the list can still be recovered.
	var got Problems
	if !errors.As(fmt.Errorf("loading instruments: %w", ps), &got) || len(got) != 2 {
		t.Errorf("errors.As did not recover the problems")
	}
}
