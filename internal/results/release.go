package results

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"sort"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// DefaultGap is how far self and others must differ, on a five-point scale, for an item to be a
// blind spot or a hidden strength.
const DefaultGap = 1.0

// DisagreementSD is the standard deviation from which raters are said to disagree on an item.
const DisagreementSD = 1.0

// Input is everything a release is computed from.
type Input struct {
	Instrument           *surveys.Instrument
	Threshold            int
	SuperiorIdentifiable bool
	// KnownSuperiors is how many of the superior responses have an author a reader of what is
	// derived from the release knows: 1 when the sponsor, who reads the sponsor summary, was
	// invited as a superior and completed the survey, else 0. Which response is the sponsor's
	// is recorded nowhere, so the release is made safe whichever it is: groups count only the
	// others towards k, and the audit holds for every choice of the known responses. With an
	// identifiable superior group, every superior counts as known already and this adds nothing.
	KnownSuperiors int
	// Baseline is, for a closing round, what its groups must be formed against: the groups the
	// engagement's baseline published (see alignment.go). Nil for any other round.
	Baseline *BaselineGroups
	// Gap is the blind-spot gap; zero means DefaultGap.
	Gap       float64
	Responses []threesixty.Response
	// Shuffle orders the comments; nil means a cryptographically random order.
	Shuffle func(n int, swap func(i, j int))
}

// release is the working state of one computation.
type release struct {
	t         *table
	k         int
	plans     []plan // published groups, all_others last
	allOthers int    // index of all_others in plans
	planOf    []int  // per response, its plan among the groups (-1 when left out)
	// promised is, per response, whether it is covered by the promise: not self, not an
	// identifiable superior. protected is the same less the responses the current choice of
	// known responses takes as known; the audit reads protected.
	promised  []bool
	protected []bool
	// knownSuperiors of the candidates (the promised superior responses counted in a published
	// group) have an author a reader knows, which ones nobody can say; choices lists every way to
	// pick them.
	knownSuperiors int
	candidates     []bool
	choices        [][]int
	cells          []*cell
}

// Compute computes what a closed round publishes. Every cell that survives has at least k raters
// a reader does not know behind it (self and an identifiable superior group excepted), and the
// audit has proved, whichever responses a reader knows, that no combination of the published
// sums depends on fewer than k protected raters, nor of the published spreads on fewer than
// SpreadMinimum.
//
// Beside the results, Compute returns countedIn: for each of in.Responses, in the same order, the
// key of the published group the response was counted in. That is KeySelf for the
// self-assessment, a rater group or a merge of them ("peer+direct_report") for the others, and ""
// for a response whose group was left out; never KeyAllOthers. After close the store keeps each
// response under this key only, in place of its rater group, and drops those with "", so that
// nothing kept is finer than what was published. countedIn is for the store alone and is never
// part of the results.
func Compute(in Input) (res *Results, countedIn []string, err error) {
	if in.Threshold < threesixty.MinThreshold {
		return nil, nil, fmt.Errorf("threshold %d is below the minimum of %d", in.Threshold, threesixty.MinThreshold)
	}
	superiors := 0
	for _, r := range in.Responses {
		if r.Group == threesixty.GroupSuperior {
			superiors++
		}
	}
	if in.KnownSuperiors < 0 || in.KnownSuperiors > superiors {
		return nil, nil, fmt.Errorf("%d known superiors among %d superior responses", in.KnownSuperiors, superiors)
	}
	rel := &release{t: newTable(in.Instrument, in.Responses), k: in.Threshold}
	if !in.SuperiorIdentifiable {
		rel.knownSuperiors = in.KnownSuperiors
	}
	if in.Baseline != nil {
		rel.plans = alignGroups(rel.t.groupOf, rel.k, in.SuperiorIdentifiable, rel.knownSuperiors, in.Baseline)
	} else {
		rel.plans = formGroups(rel.t.groupOf, rel.k, in.SuperiorIdentifiable, rel.knownSuperiors)
	}
	rel.planOf = make([]int, len(in.Responses))
	rel.promised = make([]bool, len(in.Responses))
	for r := range rel.planOf {
		rel.planOf[r] = -1
		g := rel.t.groupOf[r]
		rel.promised[r] = g != threesixty.GroupSelf && !(g == threesixty.GroupSuperior && in.SuperiorIdentifiable)
	}
	for p, pl := range rel.plans {
		for _, r := range pl.raters {
			rel.planOf[r] = p
		}
	}
	rel.allOthers = len(rel.plans)
	rel.plans = append(rel.plans, allOthersPlan(rel.plans, rel.k))
	rel.chooseKnown()

	for p, pl := range rel.plans {
		for c := range in.Instrument.Competencies {
			for _, i := range rel.t.compItems[c] {
				rel.addCell(rel.t.newCell(p, pl.raters, c, i))
			}
		}
	}
	rel.audit()
	if in.Baseline != nil {
		rel.alignCells(in.Baseline, in.SuperiorIdentifiable, rel.knownSuperiors)
	}

	res = rel.results()
	gap := in.Gap
	if gap == 0 {
		gap = DefaultGap
	}
	res.Insights = insights(res, gap)
	res.Comments = rel.comments(in.Responses, in.Shuffle)
	countedIn = make([]string, len(in.Responses))
	for r, p := range rel.planOf {
		if p >= 0 {
			countedIn[r] = rel.plans[p].Key
		}
	}
	return res, countedIn, nil
}

// addCell keeps a cell as published when enough raters a reader does not know stand behind it,
// and lets it show a spread when its own numbers allow one whichever responses are known.
func (rel *release) addCell(c *cell) {
	pl := rel.plans[c.plan]
	c.published = c.answers > 0 && rel.unknown(c.raters) >= pl.minN && rel.unknown(pl.raters) >= pl.minN
	c.spread = c.published
	for _, known := range rel.choices {
		rel.know(known)
		c.spread = c.spread && c.spreadAllowed(rel.t, rel.protected)
	}
	rel.know(nil)
	rel.cells = append(rel.cells, c)
}

// allOthersPlan is the raters of every published group but self, an identifiable superior group
// included. A group that was left out is not in it: were it, the cells where all_others appears
// or is withheld would tell what that group answered, down to which items it could not rate.
func allOthersPlan(plans []plan, k int) plan {
	p := plan{PublishedGroup: PublishedGroup{Key: KeyAllOthers, Label: "All others"}, minN: k}
	present := map[threesixty.RaterGroup]bool{}
	for _, pl := range plans {
		if pl.Key == KeySelf {
			continue
		}
		p.raters = append(p.raters, pl.raters...)
		p.unknown += pl.unknown
		for _, g := range pl.Members {
			present[g] = true
		}
	}
	sort.Ints(p.raters)
	for _, g := range threesixty.OthersGroups {
		if present[g] {
			p.Members = append(p.Members, g)
		}
	}
	p.Respondents = len(p.raters)
	return p
}

// results assembles the published cells, in instrument order, groups in report order.
func (rel *release) results() *Results {
	in := rel.t.in
	res := &Results{Threshold: rel.k, Groups: []PublishedGroup{}, Competencies: []CompetencyResult{}, Items: []ItemResult{}, Comments: []Comment{}}
	published := map[int]bool{}
	for _, c := range rel.cells {
		if c.published {
			published[c.plan] = true
		}
	}
	for p, pl := range rel.plans {
		if p != rel.allOthers || published[p] {
			res.Groups = append(res.Groups, pl.PublishedGroup)
		}
	}
	byItem := map[int][]*cell{}
	for _, c := range rel.cells { // cells were made plan by plan, so each list is in plan order
		if c.published {
			byItem[c.item] = append(byItem[c.item], c)
		}
	}
	for c, comp := range in.Competencies {
		res.Competencies = append(res.Competencies, CompetencyResult{
			ID: comp.ID, Title: comp.Title, Items: len(rel.t.compItems[c]), Scores: rel.competencyScores(c, byItem),
		})
		for _, i := range rel.t.compItems[c] {
			item := in.Items[i]
			scores := []Score{}
			for _, cl := range byItem[i] {
				scores = append(scores, cl.score(rel.plans[cl.plan].Key))
			}
			res.Items = append(res.Items, ItemResult{ID: item.ID, Competency: comp.ID, Text: item.Others, Scores: scores})
		}
	}
	return res
}

// competencyScores gives each group's score on competency c: the mean of the group's published
// item means, rounded as published, each item weighing the same, where at least half of the
// competency's items are published for the group. Built from published numbers only, it adds
// nothing a reader could not work out from the item scores, so it needs no audit of its own and
// is never withheld for a cell the audit took away elsewhere. N is the largest n of the item
// scores it covers, a published number too: the count of raters who rated at least one of the
// items would tell how the group's "not able to rate" answers fall across items (one rater who
// skipped two items, or two who skipped one each), which no published figure does.
func (rel *release) competencyScores(c int, byItem map[int][]*cell) []CompetencyScore {
	items := rel.t.compItems[c]
	out := []CompetencyScore{}
	for p := range rel.plans {
		var covered []*cell
		for _, i := range items {
			for _, cl := range byItem[i] {
				if cl.plan == p {
					covered = append(covered, cl)
				}
			}
		}
		if len(covered) == 0 || 2*len(covered) < len(items) {
			continue
		}
		s := CompetencyScore{Group: rel.plans[p].Key, Items: len(covered)}
		total := 0.0
		for _, cl := range covered {
			total += cl.score("").Mean
			s.N = max(s.N, len(cl.raters))
			if len(covered) < len(items) {
				s.Covers = append(s.Covers, rel.t.in.Items[cl.item].ID)
			}
		}
		s.Mean = round2(total / float64(len(covered)))
		out = append(out, s)
	}
	return out
}

// comments publishes open answers under their writer's published group, never under a group
// that was left out, and only where k writers a reader does not know stand behind the group (as
// group formation ensures), in a random order that owes nothing to the order of responses.
func (rel *release) comments(responses []threesixty.Response, shuffle func(int, func(int, int))) []Comment {
	out := []Comment{}
	for _, q := range rel.t.in.Questions {
		var batch []Comment
		for r, resp := range responses {
			text := resp.Answers.Comments[q.ID]
			if text == "" || rel.planOf[r] < 0 {
				continue
			}
			if pl := rel.plans[rel.planOf[r]]; pl.unknown < pl.minN {
				continue
			}
			batch = append(batch, Comment{Question: q.ID, Group: rel.plans[rel.planOf[r]].Key, Text: text})
		}
		if shuffle == nil {
			shuffle = cryptoShuffle
		}
		shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
		out = append(out, batch...)
	}
	return out
}

// cryptoShuffle is a Fisher-Yates shuffle on crypto/rand, so the order cannot be replayed.
func cryptoShuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			panic(err)
		}
		swap(i, int(j.Int64()))
	}
}
