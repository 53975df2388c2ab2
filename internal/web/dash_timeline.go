package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// An engagement's timeline on the dashboard: the day it starts and the day it is planned to
// end, set on the new engagement's form and changed on the engagement's page at any time until
// it is archived (no rater was told them).

// dateFields are the date inputs of the engagement forms.
var dateFields = map[string]typedField{
	"starts_on":      {"starts_on", "Start"},
	"planned_end_on": {"planned_end_on", "Planned end"},
}

// timelineInWords says an engagement's dates: "5 months, 1 March to 31 July 2027", "Starts 1
// March 2027; no planned end yet", or "" when it has neither.
func timelineInWords(e *threesixty.Engagement) string {
	start, end := e.StartsOn, e.PlannedEndOn
	switch {
	case start.IsZero():
		return ""
	case end.IsZero():
		return "Starts " + start.Format("2 January 2006") + "; no planned end yet"
	}
	return engagementLength(start, end) + ", " + dayRange(start, end)
}

// engagementLength is how long an engagement from start to end, both days included, runs, in
// months: "5 months" from 1 March to 31 July, "about 5 months" when it is not whole months, in
// days under a month.
func engagementLength(start, end threesixty.Date) string {
	after := end.AddDate(0, 0, 1)
	from, to := start.Time(), after.Time()
	months := (to.Year()-from.Year())*12 + int(to.Month()) - int(from.Month())
	for months > 0 && start.AddDate(0, months, 0).After(after) {
		months--
	}
	rest := int(to.Sub(start.AddDate(0, months, 0).Time()).Hours() / 24)
	switch {
	case months == 0:
		return plural(rest, "day", "days")
	case rest == 0:
		return plural(months, "month", "months")
	case rest >= 15:
		months++
	}
	return "about " + plural(months, "month", "months")
}

// dayRange is two days as a person writes them: "1 March to 31 July 2027", "1 November 2026 to
// 30 April 2027".
func dayRange(start, end threesixty.Date) string {
	if start.Time().Year() == end.Time().Year() {
		return start.Format("2 January") + " to " + end.Format("2 January 2006")
	}
	return start.Format("2 January 2006") + " to " + end.Format("2 January 2006")
}

// datesValues are the dates form's inputs as the engagement has them.
func datesValues(e *threesixty.Engagement) typedForm {
	return typedForm{Values: map[string]string{"starts_on": e.StartsOn.String(), "planned_end_on": e.PlannedEndOn.String()}}
}

// readDates reads the date inputs of a form into form's values: the days typed, each problem
// of one that is not a day beside its input. ok is false when there was such a problem.
func readDates(c echo.Context, form *typedForm) (start, end threesixty.Date, ok bool) {
	ok = true
	read := func(id string) threesixty.Date {
		typed := strings.TrimSpace(c.FormValue(id))
		form.Values[id] = typed
		day, err := optionalDate(id, typed)
		if err != nil {
			form.add(id, dateFields[id].Label, fieldMessageOf(err))
			ok = false
		}
		return day
	}
	return read("starts_on"), read("planned_end_on"), ok
}

// fieldMessageOf is the message of an EINVALID error's first field, or the error's own.
func fieldMessageOf(err error) string {
	if te := toError(err); len(te.Fields) > 0 {
		return te.Fields[0].Message
	}
	return err.Error()
}

func (s *Server) changeDatesForm(c echo.Context) error {
	page, err := s.engagementView(c)
	if err != nil {
		return err
	}
	e := page.Engagement
	form := typedForm{Values: map[string]string{}}
	start, end, ok := readDates(c, &form)
	if ok && start == e.StartsOn && end == e.PlannedEndOn {
		return s.redirectWith(c, "/engagements/"+e.ID+"#timeline", "The dates were already so; nothing changed.")
	}
	if ok {
		_, err = s.Store.UpdateSettings(c.Request().Context(), actorOf(c), e.ID, threesixty.SettingsChange{StartsOn: &start, PlannedEndOn: &end})
		if err == nil {
			return s.redirectWith(c, "/engagements/"+e.ID+"#timeline", "The dates are saved.")
		}
		if err := form.refuse(err, dateFields); err != nil {
			return err
		}
	}
	page.Dates = form
	return s.renderRefused(c, page, statusOfDates(ok, err))
}

// statusOfDates is the status of the page that shows a refused dates form: 422 for a day that
// is not one, else the store's.
func statusOfDates(parsed bool, err error) int {
	if !parsed {
		return statusOf(threesixty.EINVALID)
	}
	return statusOfForm(err)
}
