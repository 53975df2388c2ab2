package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// goalsPage is an engagement's goals with their check-ins, a form to add a goal, and a form on
// each goal to record a check-in; or one goal alone, with the form that edits it or the
// question whether to delete it.
type goalsPage struct {
	frame
	Engagement *threesixty.Engagement
	Goals      []goalPageEntry
	// One is the goal shown alone, Editing or Deleting.
	One               *goalPageEntry
	Editing, Deleting bool

	Competencies []surveys.Competency
	Warning      string // past the goals practice recommends
	Max          int
	Suggested    int
	Form         goalForm
	// CheckIn is a check-in form sent back with problems, on the goal it was for.
	CheckIn  checkInForm
	Statuses []threesixty.CheckInStatus
}

// goalPageEntry is a goal as the coach's page shows it, its competencies by title.
type goalPageEntry struct {
	threesixty.Goal
	CompetencyTitles []string
}

// goalForm is a goal as the coach typed it, with the form's problems.
type goalForm struct {
	Title, Description string
	Competencies       map[string]bool
	KeyResults         []keyResultRow
	Notes              fieldNotes
}

// keyResultRow is one row of the form's key results; Row counts from 1, as a person does.
type keyResultRow struct {
	Row                   int
	Text, Measure, Target string
}

// Field is the name the row's field errors go under: "key_results[0].text".
func (r keyResultRow) Field(part string) string {
	return fmt.Sprintf("key_results[%d].%s", r.Row-1, part)
}

// textInput is one input of a key result, as the form shows it.
type textInput struct {
	ID, Name, Label, Value, Problem string
}

// KeyResultInput is the input of row's key result for part: "text", "measure" or "target".
func (p goalsPage) KeyResultInput(row keyResultRow, part string) textInput {
	in := textInput{ID: fmt.Sprintf("kr-%d-%s", row.Row, part), Name: "kr_" + part, Problem: p.Form.Notes.For(row.Field(part))}
	switch part {
	case "text":
		in.Label, in.Value = "What will be true", row.Text
	case "measure":
		in.Label, in.Value = "How it is measured", row.Measure
	case "target":
		in.Label, in.Value = "Target", row.Target
	}
	return in
}

// Has reports whether the form names the competency.
func (f goalForm) Has(id string) bool { return f.Competencies[id] }

// checkInForm is a check-in as the coach typed it, on the goal it is for.
type checkInForm struct {
	GoalID, Status, Note string
	Notes                fieldNotes
}

// CheckInFor is the check-in form of the goal: as sent back when it came back with problems,
// empty otherwise.
func (p goalsPage) CheckInFor(goalID string) checkInForm {
	if p.CheckIn.GoalID == goalID {
		return p.CheckIn
	}
	return checkInForm{GoalID: goalID}
}

// Full reports whether the engagement has as many goals as it may.
func (p goalsPage) Full() bool { return len(p.Goals) >= p.Max }

func (s *Server) showGoals(c echo.Context) error {
	page, err := s.goalsPage(c, c.Param("id"))
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/goals", page)
}

// goalsPage gathers the engagement's goals, with an empty form to add one.
func (s *Server) goalsPage(c echo.Context, engagementID string) (*goalsPage, error) {
	ctx, actor := c.Request().Context(), actorOf(c)
	e, err := s.Store.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	goals, err := s.Store.Goals(ctx, actor, e.ID)
	if err != nil {
		return nil, err
	}
	in, err := s.goalCompetencies(ctx, actor, e)
	if err != nil {
		return nil, err
	}
	page := &goalsPage{
		frame:      s.frameFor(c, "Goals · "+e.Leader.Name, "engagements"),
		Engagement: e, Competencies: in, Max: threesixty.MaxGoals, Suggested: threesixty.SuggestedGoals,
		Statuses: threesixty.CheckInStatuses, Form: newGoalForm(nil),
	}
	for _, g := range goals {
		page.Goals = append(page.Goals, goalPageEntry{Goal: g, CompetencyTitles: competencyTitles(in, g.Competencies)})
	}
	if w := threesixty.GoalWarnings(len(goals)); len(w) > 0 {
		page.Warning = sentence(w[0])
	}
	return page, nil
}

// goalCompetencies are the competencies an engagement's goals may name: those of the instrument
// version its latest round pinned, or before any round the version the service ships.
func (s *Server) goalCompetencies(ctx context.Context, actor threesixty.Actor, e *threesixty.Engagement) ([]surveys.Competency, error) {
	rounds, err := s.Store.Rounds(ctx, actor, e.ID)
	if err != nil {
		return nil, err
	}
	var latest *threesixty.Round
	for i := range rounds {
		if latest == nil || rounds[i].OpenedAt.After(latest.OpenedAt) {
			latest = &rounds[i]
		}
	}
	if latest != nil {
		in, err := s.Store.InstrumentVersion(ctx, latest.InstrumentVersion)
		if err != nil {
			return nil, err
		}
		return in.Competencies, nil
	}
	if in, ok := s.Instruments[e.Instrument]; ok {
		return in.Competencies, nil
	}
	return nil, nil
}

func competencyTitles(in []surveys.Competency, ids []string) []string {
	titles := make([]string, len(ids))
	for i, id := range ids {
		titles[i] = id
		for _, c := range in {
			if c.ID == id {
				titles[i] = c.Title
			}
		}
	}
	return titles
}

// newGoalForm is the form of a goal: empty for a new one, with room for a few key results more
// than it has, up to the limit.
func newGoalForm(g *threesixty.Goal) goalForm {
	f := goalForm{Competencies: map[string]bool{}}
	var krs []threesixty.KeyResult
	if g != nil {
		f.Title, f.Description, krs = g.Title, g.Description, g.KeyResults
		for _, id := range g.Competencies {
			f.Competencies[id] = true
		}
	}
	rows := min(threesixty.MaxKeyResults, max(3, len(krs)+1))
	for i := range rows {
		row := keyResultRow{Row: i + 1}
		if i < len(krs) {
			row.Text, row.Measure, row.Target = krs[i].Text, krs[i].Measure, krs[i].Target
		}
		f.KeyResults = append(f.KeyResults, row)
	}
	return f
}

// readGoalForm reads a goal's form as typed, and the goal it describes: rows of key results left
// empty are not key results, and rows maps each key result of the goal to its row of the form.
func readGoalForm(c echo.Context) (goalForm, threesixty.Goal, []int) {
	form, _ := c.FormParams()
	f := goalForm{Title: form.Get("title"), Description: form.Get("description"), Competencies: map[string]bool{}}
	g := threesixty.Goal{Title: f.Title, Description: f.Description, Competencies: form["competencies"]}
	for _, id := range form["competencies"] {
		f.Competencies[id] = true
	}
	texts, measures, targets := form["kr_text"], form["kr_measure"], form["kr_target"]
	n := max(len(texts), len(measures), len(targets))
	at := func(list []string, i int) string {
		if i < len(list) {
			return list[i]
		}
		return ""
	}
	var rows []int
	for i := range n {
		row := keyResultRow{Row: i + 1, Text: at(texts, i), Measure: at(measures, i), Target: at(targets, i)}
		f.KeyResults = append(f.KeyResults, row)
		if row.Text+row.Measure+row.Target == "" {
			continue
		}
		g.KeyResults = append(g.KeyResults, threesixty.KeyResult{Text: row.Text, Measure: row.Measure, Target: row.Target})
		rows = append(rows, i)
	}
	return f, g, rows
}

var (
	keyResultField  = regexp.MustCompile(`^key_results\[(\d+)\]\.(text|measure|target)$`)
	competencyField = regexp.MustCompile(`^competencies\[\d+\]$`)
)

// goalField places a field error of the store's (threesixty.Goal.Validate) on the input of the
// goal's form that holds it; rows maps the goal's key results to the form's rows.
func goalField(rows []int) func(field string) (name, id, label string) {
	return func(field string) (string, string, string) {
		switch {
		case field == "title":
			return "title", "title", "Title"
		case field == "description":
			return "description", "description", "Description"
		case field == "competencies" || competencyField.MatchString(field):
			return "competencies", "competencies", "Competencies"
		case field == "key_results":
			return "key_results", "key-results", "Key results"
		}
		if m := keyResultField.FindStringSubmatch(field); m != nil {
			i, _ := strconv.Atoi(m[1])
			if i < len(rows) {
				row := keyResultRow{Row: rows[i] + 1}
				label := map[string]string{"text": "what will be true", "measure": "how it is measured", "target": "target"}[m[2]]
				return row.Field(m[2]), fmt.Sprintf("kr-%d-%s", row.Row, m[2]), fmt.Sprintf("Key result %d, %s", row.Row, label)
			}
		}
		return "", "", ""
	}
}

func (s *Server) createGoalForm(c echo.Context) error {
	page, err := s.goalsPage(c, c.Param("id"))
	if err != nil {
		return err
	}
	f, g, rows := readGoalForm(c)
	created, n, err := s.Store.CreateGoal(c.Request().Context(), actorOf(c), page.Engagement.ID, &g)
	if err != nil {
		if !f.Notes.take(err, goalField(rows)) {
			return err
		}
		chooseCompetency(&f.Notes, g)
		page.Form = f
		page.Title = "Not added: " + page.Title
		return c.Render(f.Notes.Status(), "app/goals", page)
	}
	message := fmt.Sprintf("Goal added: %s.", created.Title)
	if w := threesixty.GoalWarnings(n); len(w) > 0 {
		message += " " + sentence(w[0])
	}
	return s.redirectWith(c, goalsPath(page.Engagement.ID, created.ID), message)
}

// chooseCompetency words the store's message for a goal without competencies, which lists their
// ids, for a form that offers them as checkboxes.
func chooseCompetency(n *fieldNotes, g threesixty.Goal) {
	for i := range n.List {
		if n.List[i].Field == "competencies" && len(g.Competencies) == 0 {
			n.List[i].Message = "Choose at least one competency the goal works on."
		}
	}
}

// goalsPath is the goals page, at the goal when there is one.
func goalsPath(engagementID, goalID string) string {
	p := "/engagements/" + engagementID + "/goals"
	if goalID != "" {
		p += "#goal-" + goalID
	}
	return p
}

// goalPage is the goals page showing one goal alone, to edit or to delete: the goal with the
// form to change it.
func (s *Server) goalPage(c echo.Context, title string) (*goalsPage, error) {
	ctx, actor := c.Request().Context(), actorOf(c)
	g, err := s.Store.Goal(ctx, actor, c.Param("id"))
	if err != nil {
		return nil, err
	}
	e, err := s.Store.Engagement(ctx, actor, g.EngagementID)
	if err != nil {
		return nil, err
	}
	in, err := s.goalCompetencies(ctx, actor, e)
	if err != nil {
		return nil, err
	}
	return &goalsPage{frame: s.frameFor(c, title+" · "+e.Leader.Name, "engagements"),
		Engagement: e, Competencies: in, Max: threesixty.MaxGoals, Suggested: threesixty.SuggestedGoals,
		One: &goalPageEntry{Goal: *g, CompetencyTitles: competencyTitles(in, g.Competencies)}, Form: newGoalForm(g)}, nil
}

func (s *Server) showEditGoal(c echo.Context) error {
	page, err := s.goalPage(c, "Edit goal")
	if err != nil {
		return err
	}
	page.Editing = true
	return c.Render(http.StatusOK, "app/goals", page)
}

func (s *Server) editGoalForm(c echo.Context) error {
	page, err := s.goalPage(c, "Edit goal")
	if err != nil {
		return err
	}
	page.Editing = true
	f, g, rows := readGoalForm(c)
	change := threesixty.GoalChange{Title: &g.Title, Description: &g.Description, Competencies: &g.Competencies, KeyResults: &g.KeyResults}
	if g.Competencies == nil {
		change.Competencies = &[]string{}
	}
	if g.KeyResults == nil {
		change.KeyResults = &[]threesixty.KeyResult{}
	}
	saved, err := s.Store.UpdateGoal(c.Request().Context(), actorOf(c), page.One.ID, change)
	if err != nil {
		if !f.Notes.take(err, goalField(rows)) {
			return err
		}
		chooseCompetency(&f.Notes, g)
		page.Form = f
		page.Title = "Not saved: " + page.Title
		return c.Render(f.Notes.Status(), "app/goals", page)
	}
	return s.redirectWith(c, goalsPath(saved.EngagementID, saved.ID), fmt.Sprintf("Goal saved: %s.", saved.Title))
}

func (s *Server) confirmDeleteGoal(c echo.Context) error {
	page, err := s.goalPage(c, "Delete goal?")
	if err != nil {
		return err
	}
	page.Deleting = true
	return c.Render(http.StatusOK, "app/goals", page)
}

func (s *Server) deleteGoalForm(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	g, err := s.Store.Goal(ctx, actor, c.Param("id"))
	if err != nil {
		return err
	}
	if err := s.Store.DeleteGoal(ctx, actor, g.ID); err != nil {
		return err
	}
	return s.redirectWith(c, goalsPath(g.EngagementID, ""), fmt.Sprintf("Goal deleted, with its %s: %s.",
		plural(len(g.CheckIns), "check-in", "check-ins"), g.Title))
}

func (s *Server) addCheckInForm(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	g, err := s.Store.Goal(ctx, actor, c.Param("id"))
	if err != nil {
		return err
	}
	f := checkInForm{GoalID: g.ID, Status: c.FormValue("status"), Note: c.FormValue("note")}
	_, err = s.Store.AddCheckIn(ctx, actor, g.ID, threesixty.CheckIn{Status: threesixty.CheckInStatus(f.Status), Note: f.Note})
	if err == nil {
		return s.redirectWith(c, goalsPath(g.EngagementID, g.ID), fmt.Sprintf("Check-in recorded on %s: %s.", g.Title, lower(threesixty.CheckInStatus(f.Status).Label())))
	}
	place := func(field string) (string, string, string) {
		if field == "status" {
			return "status", "ci-" + g.ID + "-status", "How the goal stands"
		}
		return "note", "ci-" + g.ID + "-note", "Note"
	}
	if !f.Notes.take(err, place) {
		return err
	}
	page, perr := s.goalsPage(c, g.EngagementID)
	if perr != nil {
		return perr
	}
	page.CheckIn = f
	page.Title = "Check-in not recorded: " + page.Title
	return c.Render(f.Notes.Status(), "app/goals", page)
}
