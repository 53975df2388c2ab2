package reports

import (
	"encoding/xml"
	"html/template"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"threesixty/internal/results"
)

// svgNode is an element of a parsed chart.
type svgNode struct {
	name     string
	attrs    map[string]string
	children []*svgNode
	text     string // character data directly inside the element
}

// parseSVG reads a chart as strict XML: it must be well-formed, with one <svg> element at its root.
func parseSVG(t *testing.T, h template.HTML) *svgNode {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(h)))
	d.Strict = true
	var stack []*svgNode
	var root *svgNode
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("a chart is not well-formed XML: %v\n%s", err, h)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &svgNode{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
			} else if root != nil {
				t.Fatalf("a chart has more than one root element:\n%s", h)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			} else if strings.TrimSpace(string(tok)) != "" {
				t.Fatalf("a chart has text outside its root element:\n%s", h)
			}
		}
	}
	if root == nil || root.name != "svg" {
		t.Fatalf("a chart is not an <svg> element:\n%s", h)
	}
	return root
}

// walk calls f on n and every element inside it.
func (n *svgNode) walk(f func(*svgNode)) {
	f(n)
	for _, c := range n.children {
		c.walk(f)
	}
}

// texts is the text of every <text> element inside n, in document order.
func (n *svgNode) texts() []string {
	var out []string
	n.walk(func(e *svgNode) {
		if e.name == "text" {
			out = append(out, e.text)
		}
	})
	return out
}

// groups are n's <g> children.
func (n *svgNode) groups() []*svgNode {
	var out []*svgNode
	for _, c := range n.children {
		if c.name == "g" {
			out = append(out, c)
		}
	}
	return out
}

// rows are a block chart's group rows: every <g> after the scale's.
func rows(t *testing.T, svg *svgNode) []*svgNode {
	t.Helper()
	gs := svg.groups()
	if len(gs) == 0 {
		t.Fatal("a chart has no scale")
	}
	return gs[1:]
}

// allCharts is every chart of ch with a name for messages.
func allCharts(ch *Charts) map[string]template.HTML {
	out := map[string]template.HTML{"summary": ch.Summary}
	for _, c := range ch.Competencies {
		out["competency "+c.ID] = c.Score
		for _, it := range c.Items {
			out["item "+it.ID] = it.Chart
		}
	}
	return out
}

func webCharts(t *testing.T, b Baseline) *Charts {
	t.Helper()
	ch, err := WebCharts(b)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// checkRow checks that a row shows exactly what the release publishes for the group: its mean as
// the report shows it, its raters and what a competency score covers, or the report's words for
// a withheld score and no number at all.
func checkRow(t *testing.T, where string, row *svgNode, label string, s *results.Score, note string) {
	t.Helper()
	got := row.texts()
	if len(got) == 0 || got[0] != label {
		t.Errorf("%s: row %v does not start with the group %q", where, got, label)
		return
	}
	if s == nil {
		if want := []string{label, "not enough responses to show"}; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s, %s: a withheld score shows %q, want %q", where, label, got, want)
		}
		return
	}
	want := []string{label, plural(s.N, "rater"), mean(s.Mean)}
	if note != "" {
		want = append(want, note)
	}
	for _, n := range s.Distribution {
		want = append(want, strconv.Itoa(n))
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s, %s: row shows %q, want %q", where, label, got, want)
	}
}

// publishedLabels maps each published group's key to its label as the charts show it, in the
// order the charts show the groups: self, all others, then the rest as released.
func publishedLabels(res *results.Results) (keys []string, labels map[string]string) {
	labels = map[string]string{}
	for _, first := range []string{results.KeySelf, results.KeyAllOthers, ""} {
		for _, g := range res.Groups {
			isFirst := g.Key == results.KeySelf || g.Key == results.KeyAllOthers
			if (first == "" && !isFirst) || g.Key == first {
				keys = append(keys, g.Key)
				labels[g.Key] = showable(g.Label)
			}
		}
	}
	return keys, labels
}

func TestWebChartsShowThePublishedNumbersAsTheReportDoes(t *testing.T) {
	for name, b := range map[string]Baseline{
		"realistic":                 testBaseline("Zoë Łukasiewicz"),
		"self and one merged group": selfAndOneMergedGroup(),
	} {
		t.Run(name, func(t *testing.T) {
			res := b.Results
			keys, labels := publishedLabels(res)
			ch := webCharts(t, b)
			summary := parseSVG(t, ch.Summary).groups()[1:]
			if len(summary) != len(res.Competencies) || len(ch.Competencies) != len(res.Competencies) {
				t.Fatalf("%d competencies in the summary and %d charted, for %d released", len(summary), len(ch.Competencies), len(res.Competencies))
			}
			withheld, notes := 0, 0
			for c, comp := range res.Competencies {
				block := summary[c].groups()
				cc := ch.Competencies[c]
				score := rows(t, parseSVG(t, cc.Score))
				if cc.ID != comp.ID || cc.Title != showable(comp.Title) || len(block) != len(keys) || len(score) != len(keys) {
					t.Fatalf("competency %s: charted as %q with %d and %d rows, for %d groups", comp.ID, cc.ID, len(block), len(score), len(keys))
				}
				if got := summary[c].texts()[0]; got != showable(comp.Title) {
					t.Errorf("the summary's block %d is headed %q, not %q", c, got, comp.Title)
				}
				for g, key := range keys {
					var s *results.Score
					note := ""
					for _, cs := range comp.Scores {
						if cs.Group == key {
							s = &results.Score{Group: key, N: cs.N, Mean: cs.Mean}
							if cs.Items < comp.Items {
								note = "based on " + strconv.Itoa(cs.Items) + " of " + strconv.Itoa(comp.Items) + " items"
								notes++
							}
						}
					}
					checkRow(t, "summary, "+comp.ID, block[g], labels[key], s, note)
					checkRow(t, "competency "+comp.ID, score[g], labels[key], s, note)
				}
				items := b.Results.Items[:0:0]
				for _, it := range res.Items {
					if it.Competency == comp.ID {
						items = append(items, it)
					}
				}
				if len(cc.Items) != len(items) {
					t.Fatalf("competency %s: %d items charted, %d released", comp.ID, len(cc.Items), len(items))
				}
				for i, it := range items {
					ic := cc.Items[i]
					if ic.ID != it.ID || ic.Text != showable(it.Text) {
						t.Errorf("item %d of %s is charted as %q %q", i, comp.ID, ic.ID, ic.Text)
					}
					rs := rows(t, parseSVG(t, ic.Chart))
					if len(rs) != len(keys) {
						t.Fatalf("item %s: %d rows for %d groups", it.ID, len(rs), len(keys))
					}
					for g, key := range keys {
						var s *results.Score
						for j := range it.Scores {
							if it.Scores[j].Group == key {
								s = &it.Scores[j]
							}
						}
						if s == nil {
							withheld++
						}
						checkRow(t, "item "+it.ID, rs[g], labels[key], s, "")
					}
				}
			}
			if name != "self and one merged group" && (withheld == 0 || notes == 0) {
				t.Errorf("the fixture has %d withheld item scores and %d competency scores on fewer items: the test proves little", withheld, notes)
			}
		})
	}
}

func TestWebChartsLegendIsTheReportsGroups(t *testing.T) {
	b := testBaseline("Zoë Łukasiewicz")
	keys, labels := publishedLabels(b.Results)
	ch := webCharts(t, b)
	if len(ch.Legend) != len(keys) {
		t.Fatalf("%d legend entries for %d groups", len(ch.Legend), len(keys))
	}
	for i, key := range keys {
		var respondents int
		for _, g := range b.Results.Groups {
			if g.Key == key {
				respondents = g.Respondents
			}
		}
		want := LegendEntry{Label: labels[key], Respondents: respondents, Colour: seriesColour(i).hex()}
		if ch.Legend[i] != want {
			t.Errorf("legend entry %d is %+v, want %+v", i, ch.Legend[i], want)
		}
		if !regexp.MustCompile(`^#[0-9a-f]{6}$`).MatchString(ch.Legend[i].Colour) {
			t.Errorf("colour %q is not #rrggbb", ch.Legend[i].Colour)
		}
	}
	if len(ch.Scale) != 5 || ch.Scale[0] != (ScalePoint{1, "Never"}) || ch.Scale[4] != (ScalePoint{5, "Always"}) {
		t.Errorf("the scale is %+v", ch.Scale)
	}
}

// TestWebChartsShowNothingUnpublished gives the charts a score under a group the release does
// not publish, as a left-out group would have: it may not appear, nor may the group.
func TestWebChartsShowNothingUnpublished(t *testing.T) {
	b := testBaseline("Søren Ørsted")
	res := *b.Results
	res.Items = append([]results.ItemResult(nil), res.Items...)
	item := res.Items[0]
	item.Scores = append(append([]results.Score(nil), item.Scores...), results.Score{Group: "other", N: 2, Mean: 1.37})
	res.Items[0] = item
	res.Competencies = append([]results.CompetencyResult(nil), res.Competencies...)
	comp := res.Competencies[0]
	comp.Scores = append(append([]results.CompetencyScore(nil), comp.Scores...), results.CompetencyScore{Group: "other", N: 2, Mean: 1.42, Items: 5})
	res.Competencies[0] = comp
	b.Results = &res
	for name, h := range allCharts(webCharts(t, b)) {
		for _, hidden := range []string{"1.37", "1.42", "2 raters"} {
			if strings.Contains(string(h), hidden) {
				t.Errorf("%s shows %q, which the release does not publish", name, hidden)
			}
		}
	}
}

func TestWebChartsEscapeEveryText(t *testing.T) {
	b := testBaseline("Zoë Łukasiewicz")
	res := *b.Results
	res.Competencies = append([]results.CompetencyResult(nil), res.Competencies...)
	res.Competencies[0].Title = `<script>alert("x")</script> & 'Co'`
	res.Groups = append([]results.PublishedGroup(nil), res.Groups...)
	res.Groups[2].Label = "Peers <b>&amp;</b> & friends"
	res.Items = append([]results.ItemResult(nil), res.Items...)
	res.Items[0].Text = "Says <img src=x onerror=alert(1)> & means it"
	b.Results = &res
	ch := webCharts(t, b)
	seen := map[string]bool{}
	for name, h := range allCharts(ch) {
		if strings.Contains(strings.ToLower(string(h)), "<script") || strings.Contains(string(h), "<img") || strings.Contains(string(h), "<b>") {
			t.Errorf("%s holds markup from the release unescaped", name)
		}
		svg := parseSVG(t, h)
		svg.walk(func(n *svgNode) {
			if n.name == "title" || n.name == "text" || n.name == "desc" {
				for _, want := range []string{res.Competencies[0].Title, res.Groups[2].Label, res.Items[0].Text} {
					if strings.Contains(n.text, want) {
						seen[want] = true
					}
				}
			}
		})
	}
	for _, want := range []string{res.Competencies[0].Title, res.Groups[2].Label, res.Items[0].Text} {
		if !seen[want] {
			t.Errorf("%q does not read as written in any chart", want)
		}
	}
}

var validID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// TestWebChartsAreAccessibleAndPassAStrictPolicy checks every chart of a page for what the
// dashboard's Content-Security-Policy and screen readers need, with item ids that clash once
// made valid as element ids.
func TestWebChartsAreAccessibleAndPassAStrictPolicy(t *testing.T) {
	b := testBaseline("Zoë Łukasiewicz")
	res := *b.Results
	res.Items = append([]results.ItemResult(nil), res.Items...)
	res.Items[0].ID, res.Items[1].ID, res.Items[2].ID, res.Items[3].ID = "a b", "a-b", "a.b", "a-b-title"
	b.Results = &res
	ids := map[string]string{}
	for name, h := range allCharts(webCharts(t, b)) {
		svg := parseSVG(t, h)
		if svg.attrs["role"] != "img" || svg.attrs["width"] != "100%" || svg.attrs["height"] != "" ||
			!regexp.MustCompile(`^0 0 [0-9.]+ [0-9.]+$`).MatchString(svg.attrs["viewBox"]) {
			t.Errorf("%s: the <svg> has %v", name, svg.attrs)
		}
		local := map[string]*svgNode{}
		svg.walk(func(n *svgNode) {
			switch n.name {
			case "script", "style", "foreignObject", "image", "use", "a":
				t.Errorf("%s holds a <%s>", name, n.name)
			}
			for a, v := range n.attrs {
				if a == "style" || a == "href" || strings.HasPrefix(a, "on") || strings.Contains(v, "url(") {
					t.Errorf("%s: <%s> has %s=%q", name, n.name, a, v)
				}
			}
			if id, ok := n.attrs["id"]; ok {
				if !validID.MatchString(id) {
					t.Errorf("%s: id %q is not a plain id", name, id)
				}
				if other, dup := ids[id]; dup {
					t.Errorf("id %q is used by %s and by %s", id, other, name)
				}
				ids[id] = name
				local[id] = n
			}
		})
		title, desc := local[svg.attrs["aria-labelledby"]], local[svg.attrs["aria-describedby"]]
		if title == nil || title.name != "title" || strings.TrimSpace(title.text) == "" || svg.children[0] != title {
			t.Errorf("%s: aria-labelledby does not name its <title>, first in the chart", name)
		}
		if desc == nil || desc.name != "desc" || strings.TrimSpace(desc.text) == "" {
			t.Errorf("%s: aria-describedby does not name a <desc>", name)
		}
		// Every number the chart shows is said in its description too.
		for _, s := range svg.texts() {
			if regexp.MustCompile(`^[0-9]+\.[0-9]{2}$`).MatchString(s) && !strings.Contains(desc.text, s) {
				t.Errorf("%s: %s is shown but not described", name, s)
			}
		}
	}
	if len(ids) != 3*(1+len(res.Competencies)+len(res.Items)) {
		t.Errorf("%d ids for %d charts", len(ids), 1+len(res.Competencies)+len(res.Items))
	}
}

// TestWebChartsShowTheScaleAsTheReportDoes: every chart is headed by the scale's points and
// their labels, or only the ends' labels where a label does not fit under its point.
func TestWebChartsShowTheScaleAsTheReportDoes(t *testing.T) {
	b := testBaseline("Zoë Łukasiewicz")
	ch := webCharts(t, b)
	axis := parseSVG(t, ch.Competencies[0].Items[0].Chart).groups()[0].texts()
	for _, want := range []string{"1", "Never", "2", "Rarely", "3", "Sometimes", "4", "Often", "5", "Always", "mean"} {
		if !contains(axis, want) {
			t.Errorf("the scale lacks %q: %q", want, axis)
		}
	}
	b.Instrument = testInstrument(5, nil)
	b.Instrument.Scale.Points[2].Label = "Sometimes, though rarely when it matters to the team"
	axis = parseSVG(t, webCharts(t, b).Summary).groups()[0].texts()
	if !contains(axis, "Never") || !contains(axis, "Always") || contains(axis, "Rarely") {
		t.Errorf("a label too long for its point should leave only the ends: %q", axis)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestWebChartsRefuseAnIncompleteBaseline(t *testing.T) {
	if _, err := WebCharts(Baseline{Leader: "X"}); err == nil {
		t.Error("charts were drawn without a release")
	}
}
