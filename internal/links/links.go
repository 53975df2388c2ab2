// Package links builds every address the service gives out: the links in messages, the pages'
// redirects, the addresses the demo prints. They are built from BASE_URL and nothing else,
// never from a request's Host header, which a client chooses. The routes they point at are
// internal/web's; when a route moves, this is the one other place that changes.
package links

import (
	"errors"
	"net/url"
	"strings"
)

// Links builds addresses under one base URL. It is safe for concurrent use.
type Links struct {
	base url.URL
}

// New checks base (BASE_URL) and returns the links under it. base may have a path, for a
// service behind a proxy at https://example.com/feedback/; it must not have a user, query or
// fragment, which would end up in every address or in the middle of one.
func New(base *url.URL) (*Links, error) {
	if base == nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, errors.New("BASE_URL must be an absolute http or https address")
	}
	if base.RawQuery != "" || base.Fragment != "" || base.User != nil {
		return nil, errors.New("BASE_URL must have no user, query or fragment")
	}
	return &Links{base: url.URL{Scheme: base.Scheme, Host: base.Host, Path: base.Path}}, nil
}

// at is the address of path segments under the base. Each segment is escaped, so whatever it
// holds stays one segment: a "/" or ".." in an id cannot point somewhere else.
func (l *Links) at(segments ...string) *url.URL {
	u := l.base
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = strings.TrimSuffix(l.base.EscapedPath(), "/")
	for _, s := range segments {
		u.Path += "/" + s
		u.RawPath += "/" + url.PathEscape(s)
	}
	return &u
}

// Survey is a rater's survey link.
func (l *Links) Survey(token string) string { return l.at("s", token).String() }

// SurveySaved is the survey link that also says the rater's answers were saved: where the page
// sends a rater after they save a draft.
func (l *Links) SurveySaved(token string) string {
	u := l.at("s", token)
	u.RawQuery = "saved=1"
	return u.String()
}

// StopReminders is where a rater stops the reminders of their invitation.
func (l *Links) StopReminders(token string) string {
	return l.at("s", token, "stop-reminders").String()
}

// Decline is the survey link's page that asks the rater to confirm that they decline.
func (l *Links) Decline(token string) string { return l.at("s", token, "decline").String() }

// Leader is the leader's link to their page.
func (l *Links) Leader(token string) string { return l.at("l", token).String() }

// LeaderDone is the leader's page saying that what they just sent was recorded: done names what
// (a check-in, a consent, a nomination). Where the page sends the leader after a form.
func (l *Links) LeaderDone(token, done string) string {
	u := l.at("l", token)
	u.RawQuery = url.Values{"done": {done}}.Encode()
	return u.String()
}

// Engagements is the coach's API address of their engagements.
func (l *Links) Engagements() string { return l.at("api", "v1", "engagements").String() }

// Round is the coach's API address of a round, with its progress.
func (l *Links) Round(roundID string) string { return l.at("api", "v1", "rounds", roundID).String() }

// Results is the coach's API address of a released round's results.
func (l *Links) Results(roundID string) string {
	return l.at("api", "v1", "rounds", roundID, "results").String()
}

// Report is the coach's API address of a released round's PDF report.
func (l *Links) Report(roundID string) string {
	return l.at("api", "v1", "rounds", roundID, "report.pdf").String()
}

// Mailbox is the demo's page of the messages kept instead of sent.
func (l *Links) Mailbox() string { return l.at("mailbox").String() }

// SignIn is the page where coaches and admins sign in.
func (l *Links) SignIn() string { return l.at("login").String() }

// Dashboard is the coach's first page once signed in: their engagements.
func (l *Links) Dashboard() string { return l.at("engagements").String() }

// EngagementPage is the coach's page of one engagement.
func (l *Links) EngagementPage(engagementID string) string {
	return l.at("engagements", engagementID).String()
}

// RoundPage is the coach's page of one round: its progress, and its results once released.
func (l *Links) RoundPage(roundID string) string { return l.at("rounds", roundID).String() }

// ReportPage is where a signed-in coach downloads a released round's PDF report.
func (l *Links) ReportPage(roundID string) string {
	return l.at("rounds", roundID, "report.pdf").String()
}

// SetPassword is an emailed link that sets an account's password.
func (l *Links) SetPassword(token string) string { return l.at("password", token).String() }

// AdminCoaches is the admins' page of accounts, where set-up links are sent from.
func (l *Links) AdminCoaches() string { return l.at("admin", "coaches").String() }
