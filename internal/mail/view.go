package mail

import (
	"time"

	"threesixty/internal/threesixty"
)

// view is what every template sees. It holds only what a message may say: names of the leader,
// coach and recipient, dates, counts from settings, and links; never anything about who answered.
type view struct {
	To         threesixty.Person
	LeaderName string
	CoachName  string
	Round      string // "baseline round"

	// Self is true when the recipient is the leader, invited to their self-assessment.
	Self bool
	// Threshold is k: how many must answer before a group is shown.
	Threshold int
	// SuperiorsShownSeparately is the engagement's setting: superiors' answers are shown as
	// their own group, whatever their number.
	SuperiorsShownSeparately bool
	// RecipientIdentifiable is true when the recipient is one of those superiors, and so must
	// be told their answers may be recognised.
	RecipientIdentifiable bool

	Due      string // the last day to answer: "Friday 4 December 2026"
	DueShort string // "4 December"

	// Asked is who was asked for feedback in the round, for the messages that tell the leader:
	// names and groups, never who answered.
	Asked []asked

	Token      string // the survey token, "" for messages without a survey link
	SurveyURL  string
	StopURL    string // stops reminders for this invitation
	RoundURL   string
	ResultsURL string
	ReportURL  string // the released round's PDF report
}

// asked is one person asked for feedback, as the leader reads it: "Maria García, peer", and
// whether they were added after the round opened.
type asked struct {
	Name, Group string
	Added       bool
}

// link is what the HTML layout's "button" template shows.
type link struct{ URL, Label string }

// newLink lets a template build a link in one call: {{template "button" (link .SurveyURL "Start")}}.
func newLink(url, label string) link { return link{URL: url, Label: label} }

func (c *Composer) newView(m *threesixty.OutboxMessage, token string) view {
	due := lastDay(m.ClosesAt)
	v := view{
		To:                       m.To,
		LeaderName:               m.LeaderName,
		CoachName:                m.CoachName,
		Round:                    roundName(m.RoundKind),
		Self:                     m.Group == threesixty.GroupSelf,
		Threshold:                m.Anonymity.Threshold,
		SuperiorsShownSeparately: m.Anonymity.SuperiorIdentifiable,
		RecipientIdentifiable:    m.Anonymity.SuperiorIdentifiable && m.Group == threesixty.GroupSuperior,
		Due:                      due.Format("Monday 2 January 2006"),
		DueShort:                 due.Format("2 January"),
		RoundURL:                 c.links.Round(m.RoundID),
		ResultsURL:               c.links.Results(m.RoundID),
		ReportURL:                c.links.Report(m.RoundID),
	}
	if m.TellsLeaderWhoWasAsked() {
		for _, a := range m.Asked {
			v.Asked = append(v.Asked, asked{Name: a.Name, Group: a.Group.Noun(), Added: a.Added})
		}
	}
	if token != "" {
		v.Token = token
		v.SurveyURL = c.links.Survey(token)
		v.StopURL = c.links.StopReminders(token)
	}
	return v
}

// lastDay is the last calendar day on which a round closing at t takes answers. A round that
// closes at midnight takes none on the day that midnight begins, so "due by" names the day
// before; telling people a later day than the real one would cost their answers.
func lastDay(t time.Time) time.Time {
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		return t.AddDate(0, 0, -1)
	}
	return t
}

// roundName is how a message names a round of the given kind.
func roundName(k threesixty.RoundKind) string {
	if k == "" {
		return "round"
	}
	return string(k) + " round"
}
