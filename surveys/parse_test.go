package surveys

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// minimal is the smallest valid instrument. The error cases below edit it,
// and their expected lines refer to these line numbers:
//
//	 1 id
//	 2 title
//	 3 description
//	 4 scale
//	 5   points
//	 6     - value: 1
//	 7       label: Never
//	 8     - value: 2
//	 9       label: Always
//	10   not_able_to_rate
//	11 competencies
//	12   - id: listening
//	13     title
//	14     description
//	15 items
//	16   - id: listening-1
//	17     competency
//	18     self
//	19     others
//	20 questions
//	21   - id: keep-doing
//	22     self
//	23     others
const minimal = `id: mini
title: Mini
description: A tiny instrument for tests.
scale:
  points:
    - value: 1
      label: Never
    - value: 2
      label: Always
  not_able_to_rate: Not able to rate
competencies:
  - id: listening
    title: Listening
    description: Hears people out.
items:
  - id: listening-1
    competency: listening
    self: I listen without interrupting.
    others: Listens without interrupting.
questions:
  - id: keep-doing
    self: What should I keep doing?
    others: What should they keep doing?
`

// edit returns minimal with old replaced by new, failing the test when old
// is not there, so a case cannot silently test the unedited file.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(minimal, old) {
		t.Fatalf("minimal does not contain %q", old)
	}
	return strings.Replace(minimal, old, new, 1)
}

func problemsOf(t *testing.T, err error) Problems {
	t.Helper()
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v (%T) is not Problems", err, err)
	}
	return ps
}

func TestParseMinimal(t *testing.T) {
	in, err := Parse("mini.yaml", []byte(minimal))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := Instrument{
		ID:          "mini",
		Title:       "Mini",
		Description: "A tiny instrument for tests.",
		Scale: Scale{
			Points:        []ScalePoint{{1, "Never"}, {2, "Always"}},
			NotAbleToRate: "Not able to rate",
		},
		Competencies: []Competency{{"listening", "Listening", "Hears people out."}},
		Items:        []Item{{"listening-1", "listening", "I listen without interrupting.", "Listens without interrupting."}},
		Questions:    []Question{{"keep-doing", "What should I keep doing?", "What should they keep doing?"}},
	}
	got := *in
	got.Version, got.Source = "", nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse =\n%+v\nwant\n%+v", got, want)
	}
}

// TestParseValidVariants checks that legitimate ways of writing YAML are
// not mistaken for problems. Each case applies its edits to minimal, in
// order, then appends tail.
func TestParseValidVariants(t *testing.T) {
	var eleven strings.Builder
	eleven.WriteString("  points:\n")
	for v := 1; v <= 11; v++ {
		fmt.Fprintf(&eleven, "    - value: %d\n      label: Point %d\n", v, v)
	}
	cases := []struct {
		name  string
		edits [][2]string
		tail  string
	}{
		{name: "document start marker", edits: [][2]string{{"id: mini", "---\nid: mini"}}},
		{name: "document end marker", tail: "...\n"},
		{name: "folded description", edits: [][2]string{{"description: A tiny instrument for tests.", "description: >\n  A tiny instrument\n  for tests."}}},
		{name: "quoted text", edits: [][2]string{{"    self: I listen without interrupting.", `    self: "I listen: without interrupting."`}}},
		{name: "anchor and alias", edits: [][2]string{{"title: Mini", "title: &name Listening"}, {"    title: Listening", "    title: *name"}}},
		{name: "id of the longest length", edits: [][2]string{{"  - id: keep-doing", "  - id: a" + strings.Repeat("-", maxIDLength-1)}}},
		{name: "eleven points", edits: [][2]string{{pointsBlock, eleven.String()}}},
		{name: "no questions", edits: [][2]string{{"questions:\n  - id: keep-doing\n    self: What should I keep doing?\n    others: What should they keep doing?\n", ""}}},
		{name: "no descriptions", edits: [][2]string{{"description: A tiny instrument for tests.\n", ""}, {"    description: Hears people out.\n", ""}}},
		{name: "items before competencies", edits: [][2]string{{competenciesBlock, ""}}, tail: competenciesBlock},
		{name: "scale with a zero", edits: [][2]string{{"  not_able_to_rate: Not able to rate", "  not_able_to_rate: Not able to rate\n  zero: 2"}}},
		{name: "comments", edits: [][2]string{{"items:", "# the items\nitems: # rated\n"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := minimal
			for _, e := range tc.edits {
				if !strings.Contains(text, e[0]) {
					t.Fatalf("no %q to edit", e[0])
				}
				text = strings.Replace(text, e[0], e[1], 1)
			}
			text += tc.tail
			if _, err := Parse("mini.yaml", []byte(text)); err != nil {
				t.Errorf("Parse:\n%v\n---\n%s", err, text)
			}
		})
	}
}

// TestParseReportsEveryProblem checks that problems are collected, not
// stopped at, and come out in line order even when found out of order.
func TestParseReportsEveryProblem(t *testing.T) {
	text := `id: several
titel: Several
scale:
  points:
    - value: 1
      label: Never
    - value: 3
      label: Always
  not_able_to_rate: ""
items:
  - id: strategy-1
    competency: strategy
    self: I plan.
    others: ""
  - id: Listening
    competency: listening
    self: I listen.
    others: Listens.
competencies:
  - id: listening
    title: Listening
questions:
  - id: strategy-1
    self: What should I keep doing?
    others: What should they keep doing?
`
	_, err := Parse("mini.yaml", []byte(text))
	got := problemsOf(t, err)
	want := Problems{
		{"mini.yaml", 1, `missing key "title"`},
		{"mini.yaml", 1, `id "several" does not match the file name; expected "mini"`},
		{"mini.yaml", 2, `unknown key "titel"`},
		{"mini.yaml", 4, "scale values must count up from 1 without gaps (1, 2, 3, …); got 1, 3"},
		{"mini.yaml", 9, `"not_able_to_rate" is empty`},
		{"mini.yaml", 12, `unknown competency "strategy"`},
		{"mini.yaml", 14, `"others" is empty`},
		{"mini.yaml", 15, `"Listening" is not a valid id: use lower-case letters, digits and hyphens, starting with a letter`},
		{"mini.yaml", 23, `duplicate id "strategy-1" (first on line 11)`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse problems:\n%v\nwant:\n%v", got, want)
	}
}

func TestParseZero(t *testing.T) {
	in, err := Parse("mini.yaml", []byte(edit(t, "  not_able_to_rate: Not able to rate", "  zero: 1\n  not_able_to_rate: Not able to rate")))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if in.Scale.Zero != 1 {
		t.Errorf("Zero = %d, want 1", in.Scale.Zero)
	}
	plain, err := Parse("mini.yaml", []byte(minimal))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if plain.Scale.Zero != 0 {
		t.Errorf("Zero without the key = %d, want 0 (not set)", plain.Scale.Zero)
	}
}

func TestParseVersion(t *testing.T) {
	data := []byte(minimal)
	in, err := Parse("mini.yaml", data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	sum := sha256.Sum256([]byte(minimal))
	if want := hex.EncodeToString(sum[:]); in.Version != want {
		t.Errorf("Version = %s, want %s", in.Version, want)
	}
	if string(in.Source) != minimal {
		t.Errorf("Source differs from the parsed bytes")
	}
	data[0] = 'X' // the caller reuses its buffer
	if string(in.Source) != minimal {
		t.Errorf("Source shares the caller's buffer")
	}

	again, err := Parse("mini.yaml", []byte(minimal))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if again.Version != in.Version {
		t.Errorf("same bytes gave versions %s and %s", in.Version, again.Version)
	}
	// One byte that changes nothing a rater sees still makes a new version:
	// the version pins the file, not an interpretation of it.
	for _, changed := range []string{
		strings.Replace(minimal, "title: Mini", "title: Mina", 1),
		minimal + "# a comment\n",
		strings.Replace(minimal, "title: Mini", "title:  Mini", 1),
	} {
		other, err := Parse("mini.yaml", []byte(changed))
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if other.Version == in.Version {
			t.Errorf("version unchanged after editing one byte:\n%s", changed)
		}
	}
}
