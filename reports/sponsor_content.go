package reports

import (
	"slices"
	"sort"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// SponsorSources are the engagement's records a sponsor summary is made from.
type SponsorSources struct {
	Leader, Coach, Sponsor string
	Consent                threesixty.SponsorConsent // the consent in force
	Started, Ended         time.Time
	Sessions               *int
	Goals                  []threesixty.Goal
	Instrument             *surveys.Instrument // names the competencies
	Baseline               *results.Results    // the baseline's release, for the feedback's themes
	Comparison             *results.Comparison // baseline against closing, for the directions
}

// NewSponsorSummary makes the summary the consent in src allows: always the dates, the session
// count and each goal competency's direction; the goals' titles and statuses only for a scope
// that shows goals; the baseline's highest and lowest rated competencies only for the scope
// that shows the feedback's themes.
func NewSponsorSummary(src SponsorSources) SponsorSummary {
	s := SponsorSummary{
		Leader: src.Leader, Coach: src.Coach, Sponsor: src.Sponsor, Consent: src.Consent,
		Started: src.Started, Ended: src.Ended, Sessions: src.Sessions,
	}
	var seen []string
	for _, g := range src.Goals {
		for _, id := range g.Competencies {
			if slices.Contains(seen, id) {
				continue
			}
			seen = append(seen, id)
			s.Themes = append(s.Themes, SponsorTheme{Title: competencyName(id, src), Direction: results.DirectionOf(src.Comparison, id)})
		}
	}
	scope := src.Consent.Scope
	if scope.ShowsGoals() {
		for _, g := range src.Goals {
			goal := SponsorGoal{Title: g.Title}
			if n := len(g.CheckIns); n > 0 {
				goal.Status = g.CheckIns[n-1].Status
			}
			s.Goals = append(s.Goals, goal)
		}
	}
	if scope.ShowsFeedbackThemes() {
		s.Highest, s.Lowest = FeedbackThemes(src.Baseline)
	}
	return s
}

// FeedbackThemes names the competencies all others rated highest and lowest in a release, every
// one tied at the top or the bottom; none when all others has fewer than two competency scores or
// all of them are equal. Names only: ordering the published means computes nothing new.
func FeedbackThemes(r *results.Results) (highest, lowest []string) {
	if r == nil {
		return nil, nil
	}
	type ranked struct {
		title string
		mean  float64
	}
	var rs []ranked
	for _, c := range r.Competencies {
		for _, sc := range c.Scores {
			if sc.Group == results.KeyAllOthers {
				rs = append(rs, ranked{c.Title, sc.Mean})
			}
		}
	}
	if len(rs) < 2 {
		return nil, nil
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].mean > rs[j].mean })
	top, bottom := rs[0].mean, rs[len(rs)-1].mean
	if top == bottom {
		return nil, nil
	}
	for _, x := range rs {
		if x.mean == top {
			highest = append(highest, x.title)
		}
	}
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i].mean == bottom {
			lowest = append(lowest, rs[i].title)
		}
	}
	return highest, lowest
}

// competencyName is a competency's title from the instrument, else the comparison, else its id.
func competencyName(id string, src SponsorSources) string {
	if src.Instrument != nil {
		if c, ok := src.Instrument.Competency(id); ok {
			return c.Title
		}
	}
	if src.Comparison != nil {
		for _, c := range src.Comparison.Competencies {
			if c.ID == id {
				return c.Title
			}
		}
	}
	return id
}
