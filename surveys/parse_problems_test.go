package surveys

import (
	"fmt"
	"strings"
	"testing"
)

// Blocks of minimal that several cases replace whole.
const (
	scaleBlock = `scale:
  points:
    - value: 1
      label: Never
    - value: 2
      label: Always
  not_able_to_rate: Not able to rate
`
	pointsBlock = `  points:
    - value: 1
      label: Never
    - value: 2
      label: Always
`
	competenciesBlock = `competencies:
  - id: listening
    title: Listening
    description: Hears people out.
`
	itemsBlock = `items:
  - id: listening-1
    competency: listening
    self: I listen without interrupting.
    others: Listens without interrupting.
`
)

// twelvePoints is a points list one longer than the scale allows.
func twelvePoints() string {
	var b strings.Builder
	b.WriteString("  points:\n")
	for v := 1; v <= 12; v++ {
		fmt.Fprintf(&b, "    - value: %d\n      label: Point %d\n", v, v)
	}
	return b.String()
}

// TestParseProblems edits minimal to break one rule at a time and checks
// that the problem is reported on the right line. Cases with text set use
// it instead of an edit of minimal.
func TestParseProblems(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		text     *string
		line     int
		want     string
	}{
		// YAML syntax
		{name: "scanner error", old: "  not_able_to_rate: Not able to rate", new: "  not_able_to_rate: Not: able", line: 10, want: "invalid YAML: mapping values are not allowed in this context"},
		// yaml.v3 counts parser errors from 0 and places them where the
		// construct it gave up on began: here the list at line 16.
		{name: "parser error inside a list", old: "    competency: listening\n", new: "    competency: listening\n  self: I listen.\n", line: 16, want: "invalid YAML: did not find expected '-' indicator"},
		{name: "parser error after the first line", text: ptr("- id: mini\ntitle: Mini\n"), line: 2, want: "invalid YAML: did not find expected '-' indicator"},
		{name: "unclosed bracket", old: "title: Mini", new: "title: [Mini", line: 2, want: "invalid YAML: did not find expected ',' or ']'"},
		{name: "tab indentation", old: "    self: I listen", new: "\tself: I listen", line: 17, want: "invalid YAML: found a tab character that violates indentation"},
		{name: "error on the first line", old: "id: mini", new: "id: @mini", line: 1, want: "invalid YAML: found character that cannot start any token"},
		{name: "unknown anchor has no line", old: "title: Mini", new: "title: *nope", line: 0, want: "invalid YAML: unknown anchor 'nope' referenced"},
		{name: "broken second document", text: ptr(minimal + "---\nid: [\n"), line: 25, want: "invalid YAML: did not find expected node content"},
		{name: "broken second document without a line", text: ptr(minimal + "---\nid: *nope\n"), line: 0, want: "invalid YAML: unknown anchor 'nope' referenced"},
		{name: "empty file", text: ptr(""), line: 0, want: "file is empty"},
		{name: "only a comment", text: ptr("# nothing yet\n"), line: 0, want: "file is empty"},
		{name: "second document", text: ptr(minimal + "---\nid: other\n"), line: 24, want: "a second YAML document starts here"},

		// unknown keys
		{name: "unknown top-level key", old: "title: Mini", new: "titel: Mini", line: 2, want: `unknown key "titel"`},
		{name: "unknown scale key", old: "  points:", new: "  colours: red\n  points:", line: 5, want: `unknown key "colours"`},
		{name: "unknown point key", old: "      label: Never", new: "      label: Never\n      weight: 1", line: 8, want: `unknown key "weight"`},
		{name: "unknown competency key", old: "    description: Hears people out.", new: "    summary: Hears people out.", line: 14, want: `unknown key "summary"`},
		{name: "unknown item key", old: "    others: Listens without interrupting.", new: "    others: Listens without interrupting.\n    hint: Think of meetings.", line: 20, want: `unknown key "hint"`},
		{name: "unknown question key", old: "    others: What should they keep doing?", new: "    others: What should they keep doing?\n    hint: Be specific.", line: 24, want: `unknown key "hint"`},
		{name: "duplicate key", old: "title: Mini", new: "title: Mini\ntitle: Maxi", line: 3, want: `duplicate key "title" (first on line 2)`},
		{name: "key not plain text", old: "title: Mini", new: "title: Mini\n? [a, b]\n: c", line: 3, want: "a key must be plain text, got a list"},

		// missing keys
		{name: "missing id", old: "id: mini\n", new: "", line: 1, want: `missing key "id"`},
		{name: "missing title", old: "title: Mini\n", new: "", line: 1, want: `missing key "title"`},
		{name: "missing scale", old: scaleBlock, new: "", line: 1, want: `missing key "scale"`},
		{name: "missing competencies", old: competenciesBlock, new: "", line: 1, want: `missing key "competencies"`},
		{name: "missing items", old: itemsBlock, new: "", line: 1, want: `missing key "items"`},
		{name: "missing points", old: pointsBlock, new: "", line: 4, want: `scale is missing key "points"`},
		{name: "missing not_able_to_rate", old: "  not_able_to_rate: Not able to rate\n", new: "", line: 4, want: `scale is missing key "not_able_to_rate"`},
		{name: "missing point value", old: "    - value: 1\n      label: Never", new: "    - label: Never", line: 6, want: `scale point 1 is missing key "value"`},
		{name: "missing point label", old: "      label: Never\n", new: "", line: 6, want: `scale point 1 is missing key "label"`},
		{name: "missing competency id", old: "  - id: listening\n    title: Listening", new: "  - title: Listening", line: 12, want: `competency 1 is missing key "id"`},
		{name: "missing competency title", old: "    title: Listening\n", new: "", line: 12, want: `competency "listening" is missing key "title"`},
		{name: "missing item id", old: "  - id: listening-1\n    competency: listening", new: "  - competency: listening", line: 16, want: `item 1 is missing key "id"`},
		{name: "item without competency", old: "    competency: listening\n", new: "", line: 16, want: `item "listening-1" is missing key "competency"`},
		{name: "missing item self", old: "    self: I listen without interrupting.\n", new: "", line: 16, want: `item "listening-1" is missing key "self"`},
		{name: "missing item others", old: "    others: Listens without interrupting.\n", new: "", line: 16, want: `item "listening-1" is missing key "others"`},
		{name: "missing question self", old: "    self: What should I keep doing?\n", new: "", line: 21, want: `question "keep-doing" is missing key "self"`},
		{name: "missing question others", old: "    others: What should they keep doing?\n", new: "", line: 21, want: `question "keep-doing" is missing key "others"`},

		// wrong types
		{name: "file is a list", text: ptr("- id: mini\n"), line: 1, want: "the file must be a mapping, got a list"},
		{name: "title is a list", old: "title: Mini", new: "title: [Mini]", line: 2, want: `"title" must be text, got a list`},
		{name: "description is a mapping", old: "description: A tiny instrument for tests.", new: "description: {text: tiny}", line: 3, want: `"description" must be text, got a mapping`},
		{name: "scale is text", old: scaleBlock, new: "scale: five-point\n", line: 4, want: `"scale" must be a mapping, got "five-point"`},
		{name: "scale is null", old: scaleBlock, new: "scale:\n", line: 4, want: `"scale" must be a mapping, got nothing`},
		{name: "points is text", old: pointsBlock, new: "  points: five\n", line: 5, want: `"points" must be a list, got "five"`},
		{name: "point is text", old: "    - value: 1\n      label: Never", new: "    - Never", line: 6, want: `scale point 1 must be a mapping, got "Never"`},
		{name: "long value quoted briefly", old: pointsBlock, new: "  points: Never, rarely, sometimes, often or always, and not able to rate\n", line: 5, want: `"points" must be a list, got "Never, rarely, sometimes, often or alway…"`},
		{name: "value is a word", old: "    - value: 2", new: "    - value: two", line: 8, want: `"value" must be a whole number, got "two"`},
		{name: "value is a fraction", old: "    - value: 2", new: "    - value: 2.5", line: 8, want: `"value" must be a whole number, got "2.5"`},
		{name: "competencies is a mapping", old: competenciesBlock, new: "competencies:\n  listening: Listening\n", line: 11, want: `"competencies" must be a list, got a mapping`},
		{name: "competency is text", old: competenciesBlock, new: "competencies:\n  - listening\n", line: 12, want: `competency 1 must be a mapping, got "listening"`},
		{name: "items is text", old: itemsBlock, new: "items: listening-1\n", line: 15, want: `"items" must be a list, got "listening-1"`},
		{name: "item is text", old: itemsBlock, new: "items:\n  - listening-1\n", line: 16, want: `item 1 must be a mapping, got "listening-1"`},
		{name: "item self is a list", old: "    self: I listen without interrupting.", new: "    self: [I listen]", line: 18, want: `"self" must be text, got a list`},
		{name: "question is text", old: "  - id: keep-doing\n    self: What should I keep doing?\n    others: What should they keep doing?\n", new: "  - keep-doing\n", line: 21, want: `question 1 must be a mapping, got "keep-doing"`},

		// ids
		{name: "instrument id is not the file name", old: "id: mini", new: "id: maxi", line: 1, want: `id "maxi" does not match the file name; expected "mini"`},
		{name: "empty id", old: "id: mini", new: "id:", line: 1, want: `"id" is empty`},
		{name: "upper-case id", old: "  - id: listening-1\n", new: "  - id: Listening-1\n", line: 16, want: `"Listening-1" is not a valid id`},
		{name: "id starting with a digit", old: "  - id: keep-doing", new: "  - id: 1-keep-doing", line: 21, want: `"1-keep-doing" is not a valid id`},
		{name: "id with an underscore", old: "  - id: listening\n", new: "  - id: listening_skills\n", line: 12, want: `"listening_skills" is not a valid id`},
		{name: "id with a space", old: "  - id: listening-1\n", new: "  - id: listening 1\n", line: 16, want: `"listening 1" is not a valid id`},
		{name: "id too long", old: "  - id: listening-1\n", new: "  - id: " + strings.Repeat("a", 65) + "\n", line: 16, want: "id is 65 characters long; the limit is 64"},
		{name: "duplicate competency id", old: "    description: Hears people out.", new: "    description: Hears people out.\n  - id: listening\n    title: Listening again", line: 15, want: `duplicate competency id "listening" (first on line 12)`},
		{name: "duplicate item id", old: "    others: Listens without interrupting.", new: "    others: Listens without interrupting.\n  - id: listening-1\n    competency: listening\n    self: I nod.\n    others: Nods.", line: 20, want: `duplicate id "listening-1" (first on line 16)`},
		{name: "duplicate question id", old: "    others: What should they keep doing?", new: "    others: What should they keep doing?\n  - id: keep-doing\n    self: Anything else?\n    others: Anything else?", line: 24, want: `duplicate id "keep-doing" (first on line 21)`},
		{name: "question id same as item id", old: "  - id: keep-doing\n", new: "  - id: listening-1\n", line: 21, want: `duplicate id "listening-1" (first on line 16)`},

		// references
		{name: "unknown competency", old: "    competency: listening", new: "    competency: listen", line: 17, want: `unknown competency "listen"`},
		{name: "malformed competency reference", old: "    competency: listening", new: "    competency: Listening", line: 17, want: `"Listening" is not a valid id`},
		{name: "competency with no items", old: "    description: Hears people out.", new: "    description: Hears people out.\n  - id: speaking\n    title: Speaking", line: 15, want: `competency "speaking" has no items`},
		{name: "no items", old: itemsBlock, new: "items: []\n", line: 15, want: "no items"},
		{name: "no competencies", old: competenciesBlock, new: "competencies: []\n", line: 11, want: "no competencies"},

		// scale
		{name: "no points", old: pointsBlock, new: "  points: []\n", line: 5, want: "scale has no points"},
		{name: "duplicate value", old: "    - value: 2", new: "    - value: 1", line: 8, want: "duplicate scale value 1 (first on line 6)"},
		{name: "gap in values", old: "    - value: 2", new: "    - value: 3", line: 5, want: "scale values must count up from 1 without gaps (1, 2, 3, …); got 1, 3"},
		{name: "values start at 0", old: "    - value: 1", new: "    - value: 0", line: 5, want: "got 0, 2"},
		{name: "values descend", old: pointsBlock, new: "  points:\n    - value: 2\n      label: Always\n    - value: 1\n      label: Never\n", line: 5, want: "got 2, 1"},
		{name: "one point", old: "    - value: 2\n      label: Always\n", new: "", line: 5, want: "scale has 1 point; it needs 2 to 11"},
		{name: "twelve points", old: pointsBlock, new: twelvePoints(), line: 5, want: "scale has 12 points; it needs 2 to 11"},

		{name: "zero outside the points", old: "  not_able_to_rate: Not able to rate", new: "  not_able_to_rate: Not able to rate\n  zero: 3", line: 11, want: "zero 3 is not one of the scale's values"},
		{name: "zero of 0", old: "  not_able_to_rate: Not able to rate", new: "  not_able_to_rate: Not able to rate\n  zero: 0", line: 11, want: "zero 0 is not one of the scale's values"},
		{name: "zero is a word", old: "  not_able_to_rate: Not able to rate", new: "  not_able_to_rate: Not able to rate\n  zero: middle", line: 11, want: `"zero" must be a whole number, got "middle"`},

		// empty phrasing
		{name: "empty title", old: "title: Mini", new: `title: "   "`, line: 2, want: `"title" is empty`},
		{name: "empty not_able_to_rate", old: "  not_able_to_rate: Not able to rate", new: `  not_able_to_rate: ""`, line: 10, want: `"not_able_to_rate" is empty`},
		{name: "empty point label", old: "      label: Never", new: "      label:", line: 7, want: `"label" is empty`},
		{name: "empty competency title", old: "    title: Listening", new: "    title: ''", line: 13, want: `"title" is empty`},
		{name: "whitespace item self", old: "    self: I listen without interrupting.", new: `    self: " \t "`, line: 18, want: `"self" is empty`},
		{name: "null item others", old: "    others: Listens without interrupting.", new: "    others: ~", line: 19, want: `"others" is empty`},
		{name: "empty question self", old: "    self: What should I keep doing?", new: "    self:", line: 22, want: `"self" is empty`},
		{name: "empty question others", old: "    others: What should they keep doing?", new: "    others: |\n      \n", line: 23, want: `"others" is empty`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := ""
			if tc.text != nil {
				text = *tc.text
			} else {
				text = edit(t, tc.old, tc.new)
			}
			in, err := Parse("mini.yaml", []byte(text))
			if in != nil {
				t.Errorf("Parse returned an instrument with problems")
			}
			ps := problemsOf(t, err)
			for _, p := range ps {
				if p.File == "mini.yaml" && p.Line == tc.line && strings.Contains(p.Message, tc.want) {
					return
				}
			}
			t.Errorf("want line %d: %q; got\n%v", tc.line, tc.want, ps)
		})
	}
}

func ptr(s string) *string { return &s }
