package results

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

var update = flag.Bool("update", false, "write the golden snapshot of the current format, if its shape is unchanged")

// goldenInstrument has eight items, so that every list of the insights fills, on a five-point
// scale, with two open questions.
func goldenInstrument() *surveys.Instrument {
	in := &surveys.Instrument{ID: "golden", Title: "Golden"}
	for v, label := range []string{"Never", "Rarely", "Sometimes", "Often", "Always"} {
		in.Scale.Points = append(in.Scale.Points, surveys.ScalePoint{Value: v + 1, Label: label})
	}
	in.Scale.NotAbleToRate = "Not able to rate"
	in.Competencies = []surveys.Competency{{ID: "lead", Title: "Leading"}, {ID: "listen", Title: "Listening"}}
	for i := 1; i <= 4; i++ {
		for _, comp := range []string{"lead", "listen"} {
			id := fmt.Sprintf("%s-%d", comp, i)
			in.Items = append(in.Items, surveys.Item{ID: id, Competency: comp, Self: "I " + id, Others: "They " + id})
		}
	}
	in.Questions = []surveys.Question{{ID: "keep", Self: "Keep?", Others: "Keep?"}, {ID: "start", Self: "Start?", Others: "Start?"}}
	return in
}

// goldenInput is a fixed round: self; three superiors and two others, merged; five peers; six
// direct reports, one of whom could not rate one item and four of whom could not rate another.
// Comments are reversed, not shuffled.
func goldenInput() Input {
	in := goldenInstrument()
	groups := []threesixty.RaterGroup{"self", "superior", "superior", "superior", "other", "other", "peer", "peer", "peer", "peer", "peer", "direct_report", "direct_report", "direct_report", "direct_report", "direct_report", "direct_report"}
	var responses []threesixty.Response
	for r, g := range groups {
		a := threesixty.Answers{Ratings: map[string]*int{}, Comments: map[string]string{}}
		for i, item := range in.Items {
			v := 1 + (r*r+3*i)%5
			if g == threesixty.GroupSelf {
				v = 1 + 4*(i%2)
			}
			if r == 12 && i == 3 || r >= 13 && i == 7 {
				a.Ratings[item.ID] = nil
				continue
			}
			a.Ratings[item.ID] = &v
		}
		if r%3 == 0 {
			a.Comments["keep"] = fmt.Sprintf("Keeps <promises> & deadlines (%d)", r)
		}
		if r%4 == 1 {
			a.Comments["start"] = fmt.Sprintf("Start \"listening\" (%d)", r)
		}
		responses = append(responses, threesixty.Response{Group: g, Answers: a})
	}
	reverse := func(n int, swap func(i, j int)) {
		for i := 0; i < n/2; i++ {
			swap(i, n-1-i)
		}
	}
	return Input{Instrument: in, Threshold: 3, Responses: responses, Shuffle: reverse}
}

// TestReleaseSnapshotFormat pins the stored form of a release. A release is encoded once, at
// release, and the database forbids changing it, so every snapshot ever written must still be
// read, and read as it was meant. testdata/release.vN.json is the snapshot of goldenInput in
// format N.
//
// When this test fails because the computation changed (different values, same shape), check
// that the change is intended and run `go test ./internal/results -run TestReleaseSnapshotFormat
// -update`, which rewrites the current format's file only if its shape is unchanged.
//
// When the shape of Results must change (a field renamed, removed, added or retyped), do not
// edit the old file: raise SnapshotFormat, copy the types of the old format as they are into a
// file of their own and have its decoder read them and convert to today's Results, register it
// in decoders, run with -update to write the new format's file, and keep every older file here,
// so that this test goes on proving Decode reads them.
func TestReleaseSnapshotFormat(t *testing.T) {
	res, _, err := Compute(goldenInput())
	if err != nil {
		t.Fatal(err)
	}
	checkGoldenCoversEveryField(t, res)
	encoded, err := Encode(res)
	if err != nil {
		t.Fatal(err)
	}
	current := filepath.Join("testdata", fmt.Sprintf("release.v%d.json", SnapshotFormat))
	golden, err := os.ReadFile(current)
	if *update {
		if err == nil {
			if again, err := Decode(golden); err != nil || !sameEncoding(t, again, golden) {
				t.Fatalf("%s has a different shape from today's encoding (%v): raise SnapshotFormat instead", current, err)
			}
		}
		if err := os.WriteFile(current, encoded, 0o644); err != nil {
			t.Fatal(err)
		}
		golden = encoded
	} else if err != nil {
		t.Fatalf("%v: format %d has no golden snapshot; run with -update to write it", err, SnapshotFormat)
	}

	// The shape: the golden value, read back, encodes to the same bytes.
	decoded, err := Decode(golden)
	if err != nil {
		t.Fatalf("%s does not decode: %v", current, err)
	}
	if !sameEncoding(t, decoded, golden) {
		t.Errorf("format %d no longer encodes as %s: the shape of Results changed; raise SnapshotFormat (see this test's doc)\n%s", SnapshotFormat, current, firstDifference(mustEncode(t, decoded), golden))
	}
	// The value: the golden snapshot is what the computation gives, and reads back as it.
	if !bytes.Equal(encoded, golden) {
		t.Errorf("the release of goldenInput no longer encodes as %s\n%s", current, firstDifference(encoded, golden))
	}
	if !reflect.DeepEqual(decoded, res) {
		t.Errorf("decoding %s gives\n%+v\nnot\n%+v", current, decoded, res)
	}

	// Every format ever written is still read.
	files, err := filepath.Glob(filepath.Join("testdata", "release.v*.json"))
	if err != nil {
		t.Fatal(err)
	}
	number := regexp.MustCompile(`release\.v(\d+)\.json$`)
	for _, file := range files {
		n, _ := strconv.Atoi(number.FindStringSubmatch(file)[1])
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var head struct{ Format int }
		if err := json.Unmarshal(data, &head); err != nil || head.Format != n {
			t.Errorf("%s holds format %d (%v)", file, head.Format, err)
		}
		if _, err := Decode(data); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
	if len(files) < SnapshotFormat {
		t.Errorf("%d golden snapshots for %d formats: keep the file of every format ever written", len(files), SnapshotFormat)
	}
}

// checkGoldenCoversEveryField fails unless every optional part of Results appears in the golden
// value, both present and absent where it may be absent, so that no change of shape can hide.
func checkGoldenCoversEveryField(t *testing.T, res *Results) {
	t.Helper()
	merged, withSpread, withoutSpread, partial, whole := false, false, false, false, false
	for _, g := range res.Groups {
		merged = merged || len(g.Members) > 1 && g.Key != KeyAllOthers
	}
	for _, item := range res.Items {
		for _, s := range item.Scores {
			withSpread = withSpread || s.SD != nil
			withoutSpread = withoutSpread || s.SD == nil
		}
	}
	for _, c := range res.Competencies {
		for _, s := range c.Scores {
			partial = partial || len(s.Covers) > 0
			whole = whole || len(s.Covers) == 0
		}
	}
	ins := res.Insights
	for what, ok := range map[string]bool{
		"a competency score over some items": partial,
		"a competency score over all":        whole,
		"a merged group":                     merged,
		"a score with a spread":              withSpread,
		"a score without":                    withoutSpread,
		"highest":                            len(ins.Highest) > 0,
		"lowest":                             len(ins.Lowest) > 0,
		"blind spots":                        len(ins.BlindSpots) > 0,
		"hidden strengths":                   len(ins.HiddenStrengths) > 0,
		"disagreement":                       len(ins.Disagreement) > 0,
		"comments":                           len(res.Comments) > 0,
		"comments to more than one group":    len(res.Comments) > 0 && res.Comments[0].Group != res.Comments[len(res.Comments)-1].Group,
	} {
		if !ok {
			t.Errorf("the golden release has no %s", what)
		}
	}
}

func sameEncoding(t *testing.T, res *Results, golden []byte) bool {
	return bytes.Equal(mustEncode(t, res), golden)
}

func mustEncode(t *testing.T, res *Results) []byte {
	t.Helper()
	data, err := Encode(res)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// firstDifference shows where two encodings part, with some context.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d:\n got: …%s\nwant: …%s", i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

func TestDecodeNamesAMissingOrUnknownFormat(t *testing.T) {
	for data, want := range map[string]string{
		`{"threshold":3,"groups":[]}`:             "has no format",
		`{"format":7,"threshold":3}`:              "format 7 is unknown",
		`{"format":0}`:                            "format 0 is unknown",
		`{"format":1,"threshold":3,"extra":true}`: `format 1: json: unknown field "extra"`,
		`{"format":1,"threshold":3} {}`:           "release snapshot: invalid character",
		`{"format":"1"}`:                          "release snapshot: json",
	} {
		_, err := Decode([]byte(data))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Decode(%s) = %v, want an error saying %q", data, err, want)
		}
	}
}
