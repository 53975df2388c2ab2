package mail

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"

	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// ComposeSponsorSummary renders m, a sponsor summary to the sponsor, with the summary s drawn
// as a PDF and attached; created is the PDF's date. s is drawn as the message is sent, from the
// consent in force then, and the text says what that consent lets it contain.
func (c *Composer) ComposeSponsorSummary(m *threesixty.OutboxMessage, s reports.SponsorSummary, created time.Time) (*Rendered, error) {
	if m.Purpose != threesixty.PurposeSponsorSummary {
		return nil, fmt.Errorf("mail: a %s carries no sponsor summary", m.Purpose)
	}
	t, ok := c.templates[m.Purpose]
	if !ok {
		return nil, fmt.Errorf("mail: no templates for purpose %q (templates/%[1]s.txt and .html)", m.Purpose)
	}
	loc := threesixty.LocationOrUTC(m.TimeZone)
	var pdf bytes.Buffer
	if err := reports.RenderSponsorSummary(&pdf, s, reports.Options{PageSize: reports.A4, Created: created, Location: loc}); err != nil {
		return nil, fmt.Errorf("mail: the sponsor summary: %w", err)
	}
	v := c.newView(m, "")
	v.Contents = sponsorContents(s.Consent.Scope, s.Leader)
	v.Dates = sponsorDates(s.Started, s.Ended, loc)
	r, err := c.render(m, t, v, "", Tokens{})
	if err != nil {
		return nil, err
	}
	r.Attachments = []Attachment{{Name: sponsorFileName(s.Leader), ContentType: "application/pdf", Data: pdf.Bytes()}}
	return r, nil
}

// sponsorContents says in one sentence what the summary holds under scope, as the sponsor reads
// it: the leader's consent decides, and it never holds a score or a comment.
func sponsorContents(scope threesixty.ConsentScope, leader string) string {
	const never = " It never holds a score, a question, a comment or who said what."
	switch scope {
	case threesixty.ConsentProgressByTheme:
		return "It names the competencies " + leader + "'s development goals work on and whether each improved, held steady or declined between the first and the last feedback, without the goals' wording." + never
	case threesixty.ConsentGoalsAndProgress:
		return "It gives " + leader + "'s development goals as written, how each stood at its latest check-in, and whether the competencies they work on improved, held steady or declined between the first and the last feedback." + never
	case threesixty.ConsentThemesAndProgress:
		return "It gives " + leader + "'s development goals as written and how each stands, whether the competencies they work on improved, held steady or declined, and the names of the competencies rated highest and lowest at the start, without numbers." + never
	}
	return ""
}

// sponsorDates names the engagement's dates: "from 2 March 2026 to 31 August 2026".
func sponsorDates(started, ended time.Time, loc *time.Location) string {
	day := func(t time.Time) string { return t.In(loc).Format("2 January 2006") }
	if ended.IsZero() {
		return "since " + day(started)
	}
	return "from " + day(started) + " to " + day(ended)
}

// sponsorFileName is the attachment's name, as the download names the file: "Alex Morgan
// sponsor summary.pdf", with nothing in it that a mail client or a file system could take for
// a path or a header.
func sponsorFileName(leader string) string {
	clean := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '-' || r == '.' || r == '\'' {
			return r
		}
		return '_'
	}, strings.Join(strings.Fields(leader), " "))
	clean = strings.Trim(clean, ". ")
	if clean == "" {
		return "Sponsor summary.pdf"
	}
	return clean + " sponsor summary.pdf"
}
