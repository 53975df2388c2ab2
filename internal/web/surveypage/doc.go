// Package surveypage renders the rater's survey page, and nothing else. It is a measured
// exception to the house rule that pages are plain html/template, fenced here so that nobody
// copies it by accident.
//
// Why it exists: the survey page is the service's busiest page and its largest (forty-odd items
// of six choices each, some 35 kB). Executed with html/template on every request, it held the
// page to 0.04 of the floor that BenchmarkSurveyPage (internal/web/bench_test.go) measures it
// against, a bare handler doing the same indexed lookup; the target is 0.50. But the page is
// the same for every rater who answers the same instrument version in the same phrasing (self,
// others, or a superior whose group is shown on its own). So the template (survey.html) runs once per version and phrasing, with marks
// where a rater's own values go (the leader's name, their answers, any problems), and each
// request only fills the marks into that skeleton, escaping as html/template would. The
// template stays the one description of the markup; only its execution is shared.
//
// What it costs: the template functions that leave marks (slot, checked, problem, ...) exist
// only here, a mark must be filled by the skeleton's render, and the skeletons are cached for
// the life of the process, keyed by instrument version, which never changes. A new page has no
// such needs: it is a template in internal/web/templates, rendered with c.Render.
package surveypage
