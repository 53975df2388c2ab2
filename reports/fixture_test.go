package reports

import (
	"fmt"
	"math"
	"strings"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

var competencyTitles = []string{
	"Strategic thinking and decisions", "Communication", "Collaboration", "Presence and influence",
	"Leading change", "Delegation and accountability", "Developing others", "Self-awareness and resilience",
}

// testInstrument is an instrument shaped like the shipped one: a five-point scale, competencies
// of itemsPer items each, three open questions. itemText, when set, words each item.
func testInstrument(itemsPer int, itemText func(c, i int) string) *surveys.Instrument {
	in := &surveys.Instrument{ID: "leadership-360", Title: "Leadership 360", Version: "test"}
	for v, lab := range []string{"Never", "Rarely", "Sometimes", "Often", "Always"} {
		in.Scale.Points = append(in.Scale.Points, surveys.ScalePoint{Value: v + 1, Label: lab})
	}
	in.Scale.NotAbleToRate = "Not able to rate"
	for c, title := range competencyTitles {
		id := strings.ToLower(strings.Fields(title)[0])
		in.Competencies = append(in.Competencies, surveys.Competency{ID: id, Title: title,
			Description: "How the leader shows " + strings.ToLower(title) + " in everyday work, as colleagues see it."})
		for i := range itemsPer {
			text := fmt.Sprintf("Shows behaviour %d of %s in a way colleagues can see.", i+1, strings.ToLower(title))
			if itemText != nil {
				text = itemText(c, i)
			}
			in.Items = append(in.Items, surveys.Item{ID: fmt.Sprintf("%s-%d", id, i+1), Competency: id, Self: "I " + text, Others: text})
		}
	}
	in.Questions = []surveys.Question{
		{ID: "keep-doing", Self: "What should you keep doing?", Others: "What should this person keep doing?"},
		{ID: "start-doing", Self: "What should you start doing?", Others: "What should this person start doing?"},
		{ID: "stop-doing", Self: "What should you stop doing?", Others: "What should this person stop doing, or do less of?"},
	}
	return in
}

// release is how a test release is shaped: which groups are published with how many raters.
type release struct {
	groups   []results.PublishedGroup
	comments int
	// withhold says which cells a group does not publish.
	withhold func(group string, item int) bool
	// seed varies the scores between releases of one shape; 0 is the usual release.
	seed uint64
}

// realisticRelease is 15 respondents: the leader, 2 superiors and 2 others (merged, 4), 5
// peers and 5 direct reports; 40 items, 30 comments.
func realisticRelease() release {
	return release{
		groups: []results.PublishedGroup{
			{Key: "self", Label: "Self", Members: []threesixty.RaterGroup{"self"}, Respondents: 1},
			{Key: "superior+other", Label: "Superiors and others", Members: []threesixty.RaterGroup{"superior", "other"}, Respondents: 4},
			{Key: "peer", Label: "Peers", Members: []threesixty.RaterGroup{"peer"}, Respondents: 5},
			{Key: "direct_report", Label: "Direct reports", Members: []threesixty.RaterGroup{"direct_report"}, Respondents: 5},
			{Key: "all_others", Label: "All others", Members: []threesixty.RaterGroup{"superior", "peer", "direct_report", "other"}, Respondents: 14},
		},
		comments: 30,
		withhold: func(group string, item int) bool { return group == "direct_report" && item%9 == 4 },
	}
}

// build makes the release for in: deterministic, plausible scores rounded to two decimals as
// the release rounds them, spread only from five raters, and insights read from them.
func (r release) build(in *surveys.Instrument) *results.Results {
	res := &results.Results{Threshold: 3, Groups: r.groups}
	seed := 42 + r.seed
	next := func() float64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return float64(seed>>11) / float64(1<<53)
	}
	round2 := func(f float64) float64 { return math.Round(f*100) / 100 }
	byComp := map[string]map[string][]float64{}
	covers := map[string]map[string][]string{}
	for i, it := range in.Items {
		item := results.ItemResult{ID: it.ID, Competency: it.Competency, Text: it.Others}
		base := 2.6 + 2*next()
		for _, g := range r.groups {
			if r.withhold != nil && r.withhold(g.Key, i) {
				continue
			}
			s := results.Score{Group: g.Key, N: g.Respondents}
			if g.Key == "self" {
				s.Mean = float64(min(5, max(1, int(math.Round(base+2*next()-0.6)))))
			} else {
				if g.Respondents > 5 && i%7 == 3 {
					s.N = g.Respondents - 1 // one "not able to rate"
				}
				dist := make([]int, 5)
				sum := 0
				for range s.N {
					v := min(5, max(1, int(math.Round(base+1.6*(next()-0.5)+0.9*(next()-0.5)))))
					if i%11 == 5 {
						v = 1 + int(next()*5) // a disputed item
					}
					dist[v-1]++
					sum += v
				}
				s.Mean = round2(float64(sum) / float64(s.N))
				if s.N >= results.SpreadMinimum {
					ss := 0.0
					for p, n := range dist {
						ss += float64(n) * math.Pow(float64(p+1)-float64(sum)/float64(s.N), 2)
					}
					sd := round2(math.Sqrt(ss / float64(s.N-1)))
					s.SD, s.Distribution = &sd, dist
				}
			}
			item.Scores = append(item.Scores, s)
			if byComp[it.Competency] == nil {
				byComp[it.Competency] = map[string][]float64{}
			}
			byComp[it.Competency][g.Key] = append(byComp[it.Competency][g.Key], s.Mean)
			if covers[it.Competency] == nil {
				covers[it.Competency] = map[string][]string{}
			}
			covers[it.Competency][g.Key] = append(covers[it.Competency][g.Key], it.ID)
		}
		res.Items = append(res.Items, item)
	}
	for _, c := range in.Competencies {
		cr := results.CompetencyResult{ID: c.ID, Title: c.Title, Items: len(in.ItemsOf(c.ID))}
		for _, g := range r.groups {
			means := byComp[c.ID][g.Key]
			if len(means) == 0 {
				continue
			}
			sum := 0.0
			for _, m := range means {
				sum += m
			}
			cs := results.CompetencyScore{Group: g.Key, N: g.Respondents, Mean: round2(sum / float64(len(means))), Items: len(means)}
			if cs.Items < cr.Items {
				cs.Covers = covers[c.ID][g.Key]
			}
			cr.Scores = append(cr.Scores, cs)
		}
		res.Competencies = append(res.Competencies, cr)
	}
	res.Insights = insightsOf(res)
	res.Comments = testComments(r.groups, in.Questions, r.comments)
	return res
}

// insightsOf draws the lists as the release does, closely enough for a report test.
func insightsOf(res *results.Results) results.Insights {
	ins := results.Insights{}
	type row struct {
		it           results.ItemResult
		others, self *results.Score
	}
	var rows []row
	for _, it := range res.Items {
		r := row{it: it}
		for i := range it.Scores {
			switch it.Scores[i].Group {
			case "all_others":
				r.others = &it.Scores[i]
			case "self":
				r.self = &it.Scores[i]
			}
		}
		if r.others != nil {
			rows = append(rows, r)
		}
	}
	base := func(r row) results.ItemInsight {
		return results.ItemInsight{Item: r.it.ID, Text: r.it.Text, Mean: r.others.Mean}
	}
	sorted := append([]row(nil), rows...)
	for i := range sorted {
		for j := i + 1; j < len(sorted); j++ {
			if sorted[j].others.Mean > sorted[i].others.Mean {
				sorted[i], sorted[j] = sorted[j], sorted[i]
			}
		}
	}
	for i := 0; i < min(5, len(sorted)); i++ {
		ins.Highest = append(ins.Highest, base(sorted[i]))
	}
	for i := len(sorted) - 1; i >= 5 && len(ins.Lowest) < 5; i-- {
		ins.Lowest = append(ins.Lowest, base(sorted[i]))
	}
	for _, r := range rows {
		if r.self != nil {
			d := math.Round((r.self.Mean-r.others.Mean)*100) / 100
			in := base(r)
			s := r.self.Mean
			in.Self, in.Gap = &s, &d
			if d >= 1 {
				ins.BlindSpots = append(ins.BlindSpots, in)
			} else if d <= -1 {
				ins.HiddenStrengths = append(ins.HiddenStrengths, in)
			}
		}
		if r.others.SD != nil && *r.others.SD >= 1 {
			in := base(r)
			in.SD = r.others.SD
			ins.Disagreement = append(ins.Disagreement, in)
		}
	}
	return ins
}

var commentTexts = []string{
	"Keeps the weekly priorities clear, even when everything is on fire.",
	"Zoë Łukasiewicz said it best in the retro: the team knows where it stands with them.",
	"Listens properly in one-to-ones and follows up on what was said.",
	"Could share the reasoning behind big decisions earlier; we often hear about them late.",
	"Please keep the Friday demos going. They are the best hour of the week for the whole department and the only time the other teams see what we build.",
	"Delegates real work, not just tasks.",
	"Nguyễn Thị Minh Khai and Søren Ørsted both mentioned how much they learned from the planning sessions.",
	"Sometimes interrupts in meetings when under pressure.",
	"Stop rewriting other people's slides the night before a board meeting.",
	"José Núñez would say: more patience with new joiners.",
	"Αλέξανδρος from the Athens office appreciated the clear feedback.",
	"Be more visible to the wider organisation; the work deserves it.",
}

// testComments spreads n comments over the questions and the published groups, never all_others.
func testComments(groups []results.PublishedGroup, qs []surveys.Question, n int) []results.Comment {
	var keys []string
	for _, g := range groups {
		if g.Key != "all_others" {
			keys = append(keys, g.Key)
		}
	}
	var out []results.Comment
	for i := range n {
		text := commentTexts[i%len(commentTexts)]
		if i%10 == 9 {
			text = strings.Repeat("A long answer that goes on, with examples from several projects and some advice on what to change next quarter. ", 6+i%4)
		}
		out = append(out, results.Comment{Question: qs[i%len(qs)].ID, Group: keys[(i*7)%len(keys)], Text: text})
	}
	return out
}

// testBaseline is a realistic baseline report's input.
func testBaseline(leader string) Baseline {
	in := testInstrument(5, nil)
	return Baseline{
		Leader: leader, Coach: "Ruth Okafor", Instrument: in,
		Opened:  time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC),
		Closed:  time.Date(2026, 9, 15, 17, 0, 0, 0, time.UTC),
		Results: realisticRelease().build(in),
	}
}

var fixedCreated = time.Date(2026, 9, 16, 10, 0, 0, 0, time.UTC)
