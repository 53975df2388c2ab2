package mail

import (
	"fmt"
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

	Due      string // when answers stop, threesixty.Deadline's: "Friday 4 December 2026, 23:59 UTC"
	DueShort string // the day alone: "4 December"

	// Pulse is true for a midpoint round's messages: a short check on progress on the goals,
	// not the full survey, which the invitation and reminders must say.
	Pulse bool

	// Asked is who was asked for feedback in the round, for the messages that tell the leader:
	// names and groups, never who answered.
	Asked []asked

	// PasswordURL is the link that sets a password, for set-up and reset messages, and
	// LinkLifetime how long it works: "1 hour", "7 days".
	PasswordURL  string
	LinkLifetime string

	Token      string // the link's token, "" for messages without a survey or password link
	SurveyURL  string
	StopURL    string // stops reminders for this invitation
	DeclineURL string // asks the rater to confirm that they decline
	RoundURL   string // the coach's page of the round: progress while open, results once released
	ResultsURL string // the round's results as data, through the API
	ReportURL  string // the coach's download of the released round's PDF report, "" for a round without one
	// LeaderURL is the leader's link to their page, for the messages to the leader that carry
	// it; "" otherwise.
	LeaderURL string

	// Ready and Short are, for the notice that the threshold is reached, the groups with enough
	// responses to be shown, and those with too few people left to ask ever to be shown alone.
	Ready, Short []string

	// Contents and Dates are, for the sponsor summary, what it contains under the leader's
	// consent, in one sentence, and the engagement's dates: "from 2 March 2026 to 31 August 2026".
	Contents, Dates string

	// Contact is who a reply reaches, for the messages to raters, the leader and the sponsor:
	// the coach.
	Contact string
	// Capacity is how a rater is asked: "a peer of Alex Morgan's".
	Capacity string
}

// asked is one person asked for feedback, as the leader reads it: "Maria García, peer", and
// whether they were added after the round opened.
type asked struct {
	Name, Email, Group string
	Added              bool
}

// link is what the HTML layout's "button" template shows.
type link struct{ URL, Label string }

// newLink lets a template build a link in one call: {{template "button" (link .SurveyURL "Start")}}.
func newLink(url, label string) link { return link{URL: url, Label: label} }

func (c *Composer) newView(m *threesixty.OutboxMessage, token string) view {
	loc := threesixty.LocationOrUTC(m.TimeZone)
	due, dueShort := threesixty.Deadline(m.ClosesAt, loc)
	v := view{
		To:                       m.To,
		LeaderName:               m.LeaderName,
		CoachName:                m.CoachName,
		Round:                    roundName(m.RoundKind),
		Self:                     m.Group == threesixty.GroupSelf,
		Pulse:                    m.RoundKind == threesixty.RoundKindMidpoint,
		Threshold:                m.Anonymity.Threshold,
		SuperiorsShownSeparately: m.Anonymity.SuperiorIdentifiable,
		RecipientIdentifiable:    m.Anonymity.SuperiorIdentifiable && m.Group == threesixty.GroupSuperior,
		Due:                      due,
		DueShort:                 dueShort,
		RoundURL:                 c.links.RoundPage(m.RoundID),
		ResultsURL:               c.links.Results(m.RoundID),
	}
	if m.RoundKind == threesixty.RoundKindBaseline {
		v.ReportURL = c.links.ReportPage(m.RoundID)
	}
	if fromCoach(m) {
		v.Contact = m.CoachName
	}
	v.Capacity = capacity(m.Group, m.LeaderName)
	for _, p := range m.Progress {
		switch {
		case p.Group == threesixty.GroupSelf || p.Invited == 0:
		case p.Completed >= m.Anonymity.Threshold:
			v.Ready = append(v.Ready, p.Group.Label())
		case p.Invited-p.Declined < m.Anonymity.Threshold:
			v.Short = append(v.Short, p.Group.Label())
		}
	}
	if m.TellsLeaderWhoWasAsked() {
		for _, a := range m.Asked {
			v.Asked = append(v.Asked, asked{Name: a.Name, Email: a.Email, Group: a.Group.Noun(), Added: a.Added})
		}
	}
	switch {
	case token == "":
	case m.Purpose.CarriesPasswordLink():
		v.Token = token
		v.PasswordURL = c.links.SetPassword(token)
		v.LinkLifetime = lifetime(threesixty.ResetLinkLifetime)
		if m.Purpose == threesixty.PurposePasswordSetup {
			v.LinkLifetime = lifetime(threesixty.SetupLinkLifetime)
		}
	default:
		v.Token = token
		v.SurveyURL = c.links.Survey(token)
		v.StopURL = c.links.StopReminders(token)
		v.DeclineURL = c.links.Decline(token)
	}
	return v
}

// lifetime says how long a link works, in the largest whole unit: "1 hour", "7 days".
func lifetime(d time.Duration) string {
	n, unit := int(d/time.Hour), "hour"
	if n%24 == 0 {
		n, unit = n/24, "day"
	}
	if n != 1 {
		unit += "s"
	}
	return fmt.Sprintf("%d %s", n, unit)
}

// roundName is how a message names a round of the given kind.
func roundName(k threesixty.RoundKind) string {
	if k == "" {
		return "round"
	}
	return string(k) + " round"
}

// fromCoach reports whether a message goes out in the coach's name, to a rater, the leader or
// the sponsor, so that a reply reaches the coach; notices to the coach come from the service.
func fromCoach(m *threesixty.OutboxMessage) bool {
	switch m.Purpose {
	case threesixty.PurposeInvitation, threesixty.PurposeReminder, threesixty.PurposeRatersAdded,
		threesixty.PurposeReportShared, threesixty.PurposeLeaderLink, threesixty.PurposeSponsorSummary:
		return m.CoachName != "" && m.CoachEmail != ""
	}
	return false
}

// capacity is how a rater of group g is asked for their view of leader.
func capacity(g threesixty.RaterGroup, leader string) string {
	switch g {
	case threesixty.GroupSuperior:
		return "someone " + leader + " reports to"
	case threesixty.GroupPeer:
		return "a peer of " + leader + "'s"
	case threesixty.GroupDirectReport:
		return "someone who reports to " + leader
	case threesixty.GroupOther:
		return "a colleague who works with " + leader
	}
	return ""
}
